package io.liveswap.updates.probation;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;

/**
 * The health signal: runs, through Apache Felix Health Checks' executor, the checks tagged for every unit
 * ({@link ProbationSettings#healthTag()}) or for this one ({@link ProbationSettings#unitTag}), bypassing the
 * executor's result cache, and reports those whose status is worse than the tolerated one. The platform's own
 * per-unit checks ({@link UnitHealthChecks}) carry another tag, so a unit never watches itself. Stateless.
 */
final class HealthSignal {

    /** Health of a unit with no check tagged for it. */
    static final Health NONE = new Health("none", false);

    /**
     * The checks' verdict at one moment.
     *
     * @param summary {@code none}, {@code OK}, or the checks that are not OK with their statuses and first messages
     * @param failing whether one of them is worse than tolerated
     */
    record Health(String summary, boolean failing) {
    }

    private HealthSignal() {
    }

    /**
     * @param executor the health check executor, or {@code null} when Felix Health Checks are not installed
     * @return the checks' verdict
     */
    static Health read(HealthCheckExecutor executor, String unit, ProbationSettings settings) {
        if (executor == null) {
            return NONE;
        }
        List<HealthCheckExecutionResult> results = executor.execute(
                HealthCheckSelector.tags(settings.healthTag(), settings.unitTag(unit)),
                new HealthCheckExecutionOptions().setCombineTagsWithOr(true).setForceInstantExecution(true));
        if (results.isEmpty()) {
            return NONE;
        }
        List<String> notOk = new ArrayList<>();
        boolean failing = false;
        for (HealthCheckExecutionResult result : results) {
            Result.Status status = result.getHealthCheckResult().getStatus();
            if (status != Result.Status.OK) {
                failing |= status.ordinal() > settings.tolerated().ordinal();
                notOk.add("'" + result.getHealthCheckMetadata().getName() + "' " + status + firstMessage(result));
            }
        }
        return new Health(notOk.isEmpty() ? "OK" : String.join("; ", notOk), failing);
    }

    private static String firstMessage(HealthCheckExecutionResult result) {
        for (var entry : result.getHealthCheckResult()) {
            if (entry.getStatus() != Result.Status.OK) {
                return " (" + entry.getMessage() + ")";
            }
        }
        return "";
    }
}
