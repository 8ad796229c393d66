package io.liveswap.mediator.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ClassPlan}s of one pair of versions, made once per class pair and kept: the check before the pause
 * makes those the declared types reach, so that the copy inside it only looks them up.
 *
 * <p><b>Threading.</b> Thread-safe (a concurrent map); lazily migrated instances of a multi-instance unit share one
 * {@code Plans} across callers' threads. Two threads may build the same plan at once; one is kept, both are equal.
 */
final class Plans {

    private record Key(Class<?> source, Class<?> target, boolean root) {
    }

    private final VersionClasses classes;
    private final Map<Key, ClassPlan> plans = new ConcurrentHashMap<>();

    Plans(VersionClasses classes) {
        this.classes = classes;
    }

    ClassPlan plan(Class<?> source, Class<?> target, boolean root) {
        Key key = new Key(source, target, root);
        ClassPlan plan = plans.get(key);
        if (plan == null) {
            plan = new ClassPlan(source, target, classes, root);
            ClassPlan raced = plans.putIfAbsent(key, plan);
            plan = raced == null ? plan : raced;
        }
        return plan;
    }

    /** The fields dropped by every plan made so far, sorted. */
    List<String> dropped() {
        List<String> dropped = new ArrayList<>();
        for (ClassPlan plan : plans.values()) {
            dropped.addAll(plan.dropped());
        }
        dropped.sort(null);
        return dropped;
    }
}
