package io.liveswap.mediator.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.Reason;
import io.liveswap.mediator.transfer.AutoTransfer;
import io.liveswap.mediator.transfer.HookFailed;
import io.liveswap.mediator.transfer.Unmappable;
import io.liveswap.mediator.transfer.VersionClasses;

/**
 * Automatic state transfer inside the mediators: one {@link AutoTransfer} per pair of class loaders and direction
 * (kept, so the check before the pause plans what the copy inside it uses), its failures turned into coded ones
 * ({@link Reason#STATE_UNMAPPABLE}; a hook or constructor that throws is the new version refusing the state,
 * {@link Reason#IMPORT_FAILED}), and what every copy dropped, for the swap's report.
 *
 * <p><b>Threading.</b> Thread-safe: a swap's check runs on the swap thread and its copy on the transfer thread;
 * lazily migrated instances copy on their callers' threads at once.
 */
final class FieldTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(FieldTransfer.class);

    private record Pair(ClassLoader from, ClassLoader to, boolean upwards) {
    }

    private final Map<Pair, AutoTransfer> pairs = new ConcurrentHashMap<>();
    private final Set<String> dropped = Collections.synchronizedSet(new LinkedHashSet<>());

    /** Plans the copy from the declared types; {@link Reason#STATE_UNMAPPABLE} naming what cannot be carried. */
    void check(String unit, Version from, Object old, Version to, Object fresh) {
        try {
            pair(old, fresh, from, to).check(old.getClass(), fresh.getClass());
        } catch (Unmappable e) {
            throw unmappable(unit, from, to, e);
        }
    }

    /** Whether the old version's object has fields automatic transfer would carry. */
    boolean hasState(Object old) {
        return new AutoTransfer(new VersionClasses(null, null, true, List::of)).hasState(old.getClass());
    }

    /**
     * Copies the old object's fields into the new one.
     *
     * @return the values carried
     */
    long copy(String unit, Version from, Object old, Version to, Object fresh) {
        try {
            AutoTransfer.Outcome outcome = pair(old, fresh, from, to).copy(old, fresh);
            dropped.addAll(outcome.dropped());
            if (!outcome.notCarried().isEmpty()) {
                LOG.info("Unit '{}' {} -> {}: not carried, left to the new version's activation: {}", unit, from, to,
                        String.join("; ", outcome.notCarried()));
            }
            return outcome.values();
        } catch (Unmappable e) {
            throw unmappable(unit, from, to, e);
        } catch (HookFailed e) {
            throw new CodedFailure(Reason.IMPORT_FAILED, "version " + to + " of unit '" + unit + "' refused the state"
                    + " carried from " + from + ": " + e.getMessage(), e.getCause());
        }
    }

    /** Fields dropped by the copies so far ("Class.field"). */
    String[] dropped() {
        synchronized (dropped) {
            return dropped.toArray(String[]::new);
        }
    }

    private AutoTransfer pair(Object old, Object fresh, Version from, Version to) {
        Class<?> target = fresh.getClass();
        return pairs.computeIfAbsent(new Pair(old.getClass().getClassLoader(), target.getClassLoader(),
                to.compareTo(from) >= 0), p -> new AutoTransfer(new VersionClasses(p.from(), p.to(), p.upwards(),
                        () -> classNames(target))));
    }

    private static CodedFailure unmappable(String unit, Version from, Version to, Unmappable e) {
        return new CodedFailure(Reason.STATE_UNMAPPABLE, "unit '" + unit + "': the state of " + from
                + " cannot be carried to " + to + " automatically: " + e.getMessage(), e);
    }

    /** Every class name of the bundle that defines {@code type} (for {@code @FormerName} lookups). */
    private static Collection<String> classNames(Class<?> type) {
        Bundle bundle = FrameworkUtil.getBundle(type);
        BundleWiring wiring = bundle == null ? null : bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String resource : wiring.listResources("/", "*.class",
                BundleWiring.LISTRESOURCES_LOCAL | BundleWiring.LISTRESOURCES_RECURSE)) {
            names.add(resource.substring(0, resource.length() - ".class".length()).replace('/', '.'));
        }
        return names;
    }
}
