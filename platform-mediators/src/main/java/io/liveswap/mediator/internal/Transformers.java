package io.liveswap.mediator.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Version;

import io.liveswap.state.StateTransformer;

/** The registered state transformers, and the chain of them between two versions of a unit. */
final class Transformers {

    /** One step of a chain: a transformer run upwards or downwards. */
    record Step(StateTransformer transformer, boolean upwards) {
        Map<String, Object> apply(Map<String, Object> state) {
            return upwards ? transformer.upgrade(state) : transformer.downgrade(state);
        }

        @Override
        public String toString() {
            return (upwards ? transformer.from() + " -> " + transformer.to()
                    : transformer.to() + " -> " + transformer.from()) + " (" + transformer.getClass().getName() + ")";
        }
    }

    private final List<StateTransformer> registered = new CopyOnWriteArrayList<>();

    void add(StateTransformer transformer) {
        registered.add(transformer);
    }

    void remove(StateTransformer transformer) {
        registered.remove(transformer);
    }

    /**
     * The steps that carry a unit's state from one version to another: a path of transformers whose versions link
     * up, upwards when {@code to} is higher, downwards otherwise. A stretch of the range that no transformer of the
     * unit touches needs no step (changes there kept the state format): 1.0.0 to 3.0.0 with a transformer 1.0.0
     * to 2.0.0 and a code-only 3.0.0 is that one step.
     *
     * @throws IllegalArgumentException when transformers exist inside the range but do not link up
     */
    List<Step> chain(String unit, Version from, Version to) {
        List<Step> steps = new ArrayList<>();
        if (from.equals(to)) {
            return steps;
        }
        boolean upwards = to.compareTo(from) > 0;
        Version at = from;
        while (!at.equals(to)) {
            Step next = null;
            for (StateTransformer t : registered) {
                if (!t.unit().equals(unit)) {
                    continue;
                }
                Version tFrom = Version.parseVersion(t.from());
                Version tTo = Version.parseVersion(t.to());
                if (upwards && tFrom.equals(at) && tTo.compareTo(to) <= 0 && tTo.compareTo(at) > 0) {
                    next = new Step(t, true);
                } else if (!upwards && tTo.equals(at) && tFrom.compareTo(to) >= 0 && tFrom.compareTo(at) < 0) {
                    next = new Step(t, false);
                }
                if (next != null) {
                    break;
                }
            }
            if (next == null) {
                if (!touches(unit, at, to)) {
                    return steps; // no transformer in the rest of the range: the state format did not change
                }
                Version skipTo = nextBoundary(unit, at, to, upwards);
                if (skipTo != null) {
                    at = skipTo; // a code-only stretch: the next transformer starts further on
                    continue;
                }
                throw new IllegalArgumentException("Unit '" + unit + "': no state transformer "
                        + (upwards ? "from " + at : "down from " + at) + " towards " + to
                        + (steps.isEmpty() ? "" : " (found " + steps + ")")
                        + "; register a StateTransformer service for that step in the bundle of the newer version");
            }
            steps.add(next);
            at = upwards ? Version.parseVersion(next.transformer().to())
                    : Version.parseVersion(next.transformer().from());
        }
        return steps;
    }

    /**
     * The nearest version beyond {@code at} (towards {@code to}) where a transformer of the unit starts, if no
     * transformer touches the stretch between; else {@code null}.
     */
    private Version nextBoundary(String unit, Version at, Version to, boolean upwards) {
        Version best = null;
        for (StateTransformer t : registered) {
            if (!t.unit().equals(unit)) {
                continue;
            }
            Version start = Version.parseVersion(upwards ? t.from() : t.to());
            boolean beyond = upwards ? start.compareTo(at) > 0 && start.compareTo(to) < 0
                    : start.compareTo(at) < 0 && start.compareTo(to) > 0;
            if (beyond && (best == null || (upwards ? start.compareTo(best) < 0 : start.compareTo(best) > 0))) {
                best = start;
            }
        }
        return best != null && !touches(unit, at, best) ? best : null;
    }

    private boolean touches(String unit, Version a, Version b) {
        Version low = a.compareTo(b) < 0 ? a : b;
        Version high = a.compareTo(b) < 0 ? b : a;
        for (StateTransformer t : registered) {
            if (t.unit().equals(unit) && Version.parseVersion(t.to()).compareTo(low) > 0
                    && Version.parseVersion(t.from()).compareTo(high) < 0) {
                return true;
            }
        }
        return false;
    }
}
