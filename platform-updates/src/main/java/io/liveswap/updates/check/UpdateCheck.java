package io.liveswap.updates.check;

import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.Reason;
import io.liveswap.mediator.Mediator;
import io.liveswap.mediator.TrialReport;
import io.liveswap.updates.CheckDTO;
import io.liveswap.updates.CheckVerdict;
import io.liveswap.updates.format.InvalidUpdateException;
import io.liveswap.updates.format.TrustPolicy;
import io.liveswap.updates.format.UpdateBundleReader;
import io.liveswap.updates.format.UpdateDescriptor;
import io.liveswap.updates.ledger.VersionLedger;

/**
 * The dry run of an update: the same reading, signature check and version-ledger decision as applying it, then, for
 * an update that would apply, the mediator's trial ({@link Mediator#trial}) instead of the swap. It writes no journal
 * record (the journal records what changed; a check changes nothing) but one log line, the verdict's.
 *
 * <p><b>Threading.</b> Not synchronised itself: the update manager runs it under the lock that serialises updates,
 * so the unit's version cannot change between the ledger's decision and the trial (except by a plain OSGi update,
 * which the trial's swap lock keeps out while it runs).
 */
public final class UpdateCheck {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateCheck.class);

    /** The codes {@link TrustPolicy} refuses with: the signature verdict when reading fails with one of them. */
    private static final Set<Reason> SIGNATURE = EnumSet.of(Reason.UNSIGNED, Reason.TAMPERED, Reason.UNTRUSTED,
            Reason.SIGNATURE_EXPIRED, Reason.SIGNATURE_NOT_YET_VALID);

    private final TrustPolicy trust;
    private final Mediator mediator;
    private final Supplier<Collection<String>> units;
    private final Function<String, Version> currentVersion;
    private final java.util.function.ToLongFunction<UpdateDescriptor> probationMillis;

    /**
     * @param units the units the table knows
     * @param currentVersion a unit's current version, {@code null} for an unknown unit
     * @param probationMillis the probation an update would begin, in milliseconds (0: none)
     */
    public UpdateCheck(TrustPolicy trust, Mediator mediator, Supplier<Collection<String>> units,
            Function<String, Version> currentVersion, java.util.function.ToLongFunction<UpdateDescriptor> probationMillis) {
        this.trust = trust;
        this.mediator = mediator;
        this.units = units;
        this.currentVersion = currentVersion;
        this.probationMillis = probationMillis;
    }

    /** @param file the update bundle, an absolute, normalised path */
    public CheckDTO check(Path file) {
        CheckDTO check = new CheckDTO();
        check.file = file.toString();
        UpdateDescriptor update;
        try {
            update = UpdateBundleReader.read(file, trust);
        } catch (InvalidUpdateException e) {
            check.signature = SIGNATURE.contains(e.reason()) ? e.reason().name() : null;
            check.order = "not decided: the file is refused before its order is looked at";
            return done(check, CheckVerdict.WOULD_REFUSE, e.reason(), e.getMessage());
        }
        check.signature = trust.acceptsUnsigned() ? "NOT_CHECKED" : "TRUSTED";
        check.unit = update.unit();
        check.to = update.version().toString();
        check.probationSeconds = probationMillis.applyAsLong(update) / 1000;
        Version current = currentVersion.apply(update.unit());
        check.from = current == null ? null : current.toString();
        VersionLedger.Decision decision = VersionLedger.decide(update, current, units.get());
        switch (decision.verdict()) {
            case PENDING:
                check.waitsFor = String.valueOf(update.replaces());
                check.order = "waits for version " + update.replaces() + " (the unit is at " + current + ")";
                return done(check, CheckVerdict.WOULD_WAIT, decision.reason(), check.order);
            case REFUSE:
                check.order = decision.message();
                return done(check, CheckVerdict.WOULD_REFUSE, decision.reason(), decision.message());
            default:
                check.order = "applies now on version " + current;
                TrialReport trial;
                try {
                    trial = mediator.trial(update.unit(), file.toUri().toString());
                } catch (RuntimeException e) { // e.g. the unit went away since the ledger's decision
                    return done(check, CheckVerdict.WOULD_ABORT, Reason.UNEXPECTED, "the trial failed: " + e);
                }
                return tried(check, trial);
        }
    }

    private static CheckDTO tried(CheckDTO check, TrialReport trial) {
        check.trial = trial;
        check.revertWithState = trial.downgradable;
        if (!trial.passed) {
            return done(check, CheckVerdict.WOULD_ABORT, trial.reason, trial.cause);
        }
        StringBuilder summary = new StringBuilder("resolves beside ").append(trial.fromVersion);
        if (trial.interfaceChange) {
            summary.append("; interface change, ").append(trial.consumers.length == 0 ? "no consumer uses the unit"
                    : "consumers reached through an adapter: " + String.join(", ", trial.consumers));
        }
        summary.append("; transformers: ").append(trial.transformers.length == 0 ? "none needed"
                : String.join(", ", trial.transformers));
        if (trial.stateful && trial.automatic) {
            summary.append(String.format(Locale.ROOT, "; state carried automatically: %d values copied in a pause of"
                    + " %d µs", trial.stateValues, trial.pauseNanos / 1000));
        } else if (trial.stateful) {
            summary.append(String.format(Locale.ROOT, "; state trial: %d values imported in %.1f ms (export pause"
                    + " %d µs)", trial.stateValues, trial.transferNanos / 1e6, trial.pauseNanos / 1000));
        } else {
            summary.append("; no state to carry");
        }
        summary.append("; ").append(trial.downgrade);
        return done(check, CheckVerdict.WOULD_APPLY, Reason.NONE, summary.toString());
    }

    private static CheckDTO done(CheckDTO check, CheckVerdict verdict, Reason reason, String message) {
        check.verdict = verdict;
        check.reason = reason;
        String versions = check.to == null ? "" : " " + (check.from == null ? "" : check.from + " -> ") + check.to;
        check.line = verdict + (reason == Reason.NONE ? "" : " [" + reason + "]")
                + (check.unit == null ? "" : " " + check.unit) + versions + ": " + message;
        LOG.info("Checked {} (nothing changed{}): {}", check.file, check.trial == null ? ""
                : String.format(Locale.ROOT, "; trial %.1f ms", check.trial.totalNanos / 1e6), check.line);
        return check;
    }
}
