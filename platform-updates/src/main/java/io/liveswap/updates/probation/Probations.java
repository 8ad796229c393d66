package io.liveswap.updates.probation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.Reason;
import io.liveswap.api.UnitDTO;
import io.liveswap.updates.ProbationDTO;

/**
 * The units on probation and the timer that reads their signals: every {@link ProbationSettings#checkMillis()} it
 * judges each probation ({@link ErrorSignal}, {@link HealthSignal}) and reports a failure or the end of its time
 * to the {@link Outcome} (the update manager, which reverts or accepts). The timer also keeps the platform's own
 * per-unit health checks current ({@link UnitHealthChecks}).
 *
 * <p><b>Protocol.</b> {@link #begin} and {@link #end} are called under the update manager's monitor only, so the
 * probation of a unit changes only there. The timer thread judges a snapshot without that monitor (health checks
 * may take time; updates must not wait for them), then calls the {@link Outcome}, which takes the monitor and acts
 * only if the unit's probation is still the one judged ({@link #isCurrent}): a probation that ended meanwhile (by
 * command, by a newer update, by a rollback) is never acted on twice. The map itself is concurrent, so the shell
 * and the timer read it at any time.
 *
 * <p><b>Lifecycle.</b> Made when the update manager activates, {@link #start()}ed at the end of its activation;
 * {@link #close()} stops the timer and unregisters the platform's health checks when it deactivates.
 * Probations live in memory and in the journal (the COMMITTED record's probation end): after a restart no unit is
 * on probation, because the start-up restore reverts those that were ({@link Reason#PROBATION_RESTART}).
 */
public final class Probations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Probations.class);

    /** What the update manager does when a probation ends. Called on the timer thread. */
    public interface Outcome {

        /** The probation failed: revert the unit (if {@code probation} is still current). */
        void failed(Probation probation, Verdict verdict);

        /** The probation's time passed with every signal good: accept the update (if still current). */
        void passed(Probation probation);
    }

    private final ProbationSettings settings;
    private final Function<String, Optional<UnitDTO>> units;
    private final Supplier<HealthCheckExecutor> executor;
    private final Outcome outcome;
    private final UnitHealthChecks ownChecks;
    private final Map<String, Probation> byUnit = new ConcurrentHashMap<>();
    private final Map<String, Verdict> latest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    /**
     * @param units the unit's DTO by name, empty for a unit the table does not know
     * @param executor the health check executor, or {@code null} while none is registered
     */
    public Probations(ProbationSettings settings, Function<String, Optional<UnitDTO>> units,
            Supplier<HealthCheckExecutor> executor, Outcome outcome, UnitHealthChecks ownChecks) {
        this.settings = settings;
        this.units = units;
        this.executor = executor;
        this.outcome = outcome;
        this.ownChecks = ownChecks;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "liveswap-probation");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the timer: once the update manager, the {@link Outcome}, is ready. */
    public void start() {
        timer.scheduleWithFixedDelay(this::tick, settings.checkMillis(), settings.checkMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** @return the settings */
    public ProbationSettings settings() {
        return settings;
    }

    /** Puts a unit on probation (replacing an earlier one of the unit). Under the update manager's monitor. */
    public void begin(Probation probation) {
        byUnit.put(probation.unit(), probation);
        latest.remove(probation.unit());
    }

    /** Takes a unit off probation. Under the update manager's monitor. */
    public Optional<Probation> end(String unit) {
        latest.remove(unit);
        return Optional.ofNullable(byUnit.remove(unit));
    }

    /** @return the unit's probation, if it is on one */
    public Optional<Probation> of(String unit) {
        return Optional.ofNullable(byUnit.get(unit));
    }

    /** @return whether {@code probation} is still the unit's */
    public boolean isCurrent(Probation probation) {
        return probation.equals(byUnit.get(probation.unit()));
    }

    /** @return the probations now, with their signals */
    public List<ProbationDTO> list() {
        List<ProbationDTO> out = new ArrayList<>();
        for (Probation probation : byUnit.values()) {
            ProbationDTO dto = new ProbationDTO();
            dto.unit = probation.unit();
            dto.from = probation.from().toString();
            dto.to = probation.to().toString();
            dto.file = probation.file();
            dto.since = probation.since();
            dto.until = probation.until();
            units.apply(probation.unit()).ifPresent(unit -> {
                dto.calls = unit.versionCalls;
                dto.thrown = unit.versionThrown;
                if (probation.from().toString().equals(unit.previousVersion)) {
                    dto.baselineCalls = unit.previousVersionCalls;
                    dto.baselineThrown = unit.previousVersionThrown;
                }
            });
            Verdict verdict = latest.get(probation.unit());
            dto.health = verdict == null ? "not read yet" : verdict.health();
            out.add(dto);
        }
        return out;
    }

    /** One round of the timer: never throws (a failing round is logged, and the next one runs). */
    void tick() {
        try {
            ownChecks.reconcile();
            long now = System.currentTimeMillis();
            for (Probation probation : List.copyOf(byUnit.values())) {
                Verdict verdict = judge(probation);
                latest.put(probation.unit(), verdict);
                if (verdict.failed()) {
                    outcome.failed(probation, verdict);
                } else if (probation.over(now)) {
                    outcome.passed(probation);
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("A round of probation checks failed; the next runs in {} ms", settings.checkMillis(), e);
        }
    }

    /** Reads a probation's signals now. */
    Verdict judge(Probation probation) {
        HealthSignal.Health health;
        try {
            health = HealthSignal.read(executor.get(), probation.unit(), settings);
        } catch (RuntimeException e) {
            health = new HealthSignal.Health("the health checks could not run: " + e, true);
        }
        if (health.failing()) {
            return Verdict.fail(Reason.PROBATION_HEALTH, "health checks of unit '" + probation.unit()
                    + "' failed during the probation of version " + probation.to() + ": " + health.summary(),
                    health.summary());
        }
        Optional<UnitDTO> unit = units.apply(probation.unit());
        Optional<String> errors = unit.flatMap(u -> ErrorSignal.failing(probation, u, settings));
        if (errors.isPresent()) {
            return Verdict.fail(Reason.PROBATION_ERRORS, errors.get(), health.summary());
        }
        return Verdict.pass(health.summary());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The probation timer did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ownChecks.close();
    }
}
