package io.liveswap.updates.probation;

import io.liveswap.api.Reason;

/**
 * What the signals say about a unit on probation at one moment: it passes for now, or it failed with a code and a
 * cause that names what failed and the figures.
 *
 * @param failed whether the probation failed
 * @param reason {@link Reason#PROBATION_HEALTH} or {@link Reason#PROBATION_ERRORS} when failed, else NONE
 * @param cause what failed, with the figures; for a pass, {@code null}
 * @param health the health checks' verdict as {@link io.liveswap.updates.ProbationDTO#health} shows it
 */
public record Verdict(boolean failed, Reason reason, String cause, String health) {

    static Verdict pass(String health) {
        return new Verdict(false, Reason.NONE, null, health);
    }

    static Verdict fail(Reason reason, String cause, String health) {
        return new Verdict(true, reason, cause, health);
    }
}
