package io.liveswap.updates.shell;

import java.util.Locale;

import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Component;

import io.liveswap.mediator.TrialReport;
import io.liveswap.updates.CheckDTO;

/**
 * How Gogo prints the {@link CheckDTO} that {@code liveswap:check} returns: its one-line verdict first (alone where
 * Gogo wants one line), then one line per finding. A script reads the verdict as the first word of the first line,
 * or keeps the DTO ({@code r = liveswap:check x.jar}) and reads its fields.
 */
@Component(service = Converter.class, property = Converter.CONVERTER_CLASSES + "=io.liveswap.updates.CheckDTO")
public final class CheckFormat implements Converter {

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        return null; // formats only
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        if (!(target instanceof CheckDTO check)) {
            return null;
        }
        if (level != INSPECT) {
            return check.line;
        }
        StringBuilder out = new StringBuilder(check.line).append('\n');
        row(out, "signature", check.signature);
        row(out, "order", check.order);
        TrialReport trial = check.trial;
        if (trial == null) {
            row(out, "trial", "none: the update would not be tried");
            return out;
        }
        row(out, "bundle", trial.bundle == null ? "-" : trial.bundle + (trial.resolved ? ", resolves" : ", does not"
                + " resolve") + (trial.registered ? ", registers as version " + trial.toVersion : ""));
        row(out, "interfaces", !trial.interfaceChange ? "unchanged" : "changed; consumers touched: "
                + (trial.consumers.length == 0 ? "none" : String.join(", ", trial.consumers)));
        row(out, "transformers", trial.transformers.length == 0 ? "none needed" : String.join(", ",
                trial.transformers));
        row(out, "state", !trial.stateful ? "none to carry"
                : String.format(Locale.ROOT, "%s; export pause %d µs (drain %d µs), transform and import %.1f ms",
                        trial.imported ? trial.stateValues + " values imported into the trial instance"
                                : "not imported", trial.pauseNanos / 1000, trial.drainNanos / 1000,
                        trial.transferNanos / 1e6));
        row(out, "revert", trial.downgrade);
        row(out, "probation", check.probationSeconds <= 0 ? "none: the update is final once it commits"
                : check.probationSeconds + " s after it commits; a failing health check or exception rate then"
                        + " reverts it " + (check.revertWithState ? "with its state" : "WITHOUT carrying its state"
                                + " down, or not at all if going back aborts (see revert)"));
        for (String note : trial.notes) {
            row(out, "note", note);
        }
        row(out, "trial", String.format(Locale.ROOT, "%.1f ms; the trial bundle was uninstalled, nothing journaled",
                trial.totalNanos / 1e6));
        return out;
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.ROOT, "  %-13s%s%n", name, value == null ? "-" : value));
    }
}
