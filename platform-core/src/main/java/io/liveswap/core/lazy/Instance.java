package io.liveswap.core.lazy;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.state.StatefulUnit;

/**
 * The platform's handle on one instance of a multi-instance unit; the instance's proxy holds it and asks it for
 * the target of every call.
 *
 * <p><b>Protocol.</b> {@link #target()} is called inside the unit's gate. Its fast path reads the instance's
 * {@link Cell} (one volatile read) and the lineage's current generation (another) and returns the cell's target when
 * the instance is on the current generation, or already failed to reach it. Otherwise it migrates under this
 * handle's monitor: the first thread re-checks the cell, migrates and publishes the new cell; threads that raced it
 * block on the monitor, re-check and find the instance migrated, so an instance migrates exactly once per
 * generation. No call runs in the old target meanwhile: calls that entered before the generation changed were
 * drained by the gate before the change, and every later call takes the slow path until the new cell is
 * published. A migration that throws publishes a cell that stays on the old target and remembers the generation it
 * failed to reach, so the instance keeps serving and is not retried until the next update. An instance whose
 * generation was made by the same implementation service as the current one (the unit was swapped away and back
 * before it was called) is adopted as it is: its object is already of that version and holds its state.
 */
public final class Instance {

    private static final Logger LOG = LoggerFactory.getLogger(Instance.class);

    /** Where an instance is: its version, the object serving it, and the generation it failed to reach, if any. */
    record Cell(Generation generation, Object target, Generation failedAt) {
    }

    private final Lineage lineage;
    private final Map<String, Object> arguments;
    private final Residence residence;
    private volatile Cell cell;

    public Instance(Lineage lineage, Map<String, Object> arguments, Generation generation, Object target,
            Residence residence) {
        this.lineage = lineage;
        this.arguments = arguments;
        this.residence = residence;
        this.cell = new Cell(generation, target, null);
        residence.generation = generation;
    }

    /** The object to call: the current version's, migrating this instance there first if needed. */
    public Object target() {
        Cell c = cell;
        Generation now = lineage.current;
        if (c.generation == now || c.failedAt == now) {
            return c.target;
        }
        return migrate(now).target;
    }

    /**
     * Moves this instance to {@code to} unless it is there or failed to get there.
     *
     * @return whether the instance is on {@code to} afterwards
     */
    public boolean migrateTo(Generation to) {
        return migrate(to).generation == to;
    }

    private synchronized Cell migrate(Generation to) {
        Cell c = cell;
        if (c.generation == to || c.failedAt == to) {
            return c;
        }
        Cell next;
        if (c.generation.reference() == to.reference() && c.generation.reference() != null) {
            next = adopted(c, to); // swapped back to the implementation that made it: nothing to move
        } else if (to.migration() == null) {
            next = new Cell(c.generation, c.target, to); // re-pointed without a mediator: stays where it is
        } else {
            next = moved(c, to);
        }
        cell = next;
        return next;
    }

    private Cell adopted(Cell c, Generation to) {
        to.arrived();
        residence.generation = to;
        c.generation.left();
        return new Cell(to, c.target, null);
    }

    private Cell moved(Cell c, Generation to) {
        Object fresh;
        try {
            fresh = to.migration().migrate(c.target, c.generation.version(), arguments);
            for (Class<?> type : lineage.types()) {
                if (!type.isInstance(fresh)) {
                    throw new IllegalStateException("the factory of " + to + " made " + (fresh == null ? "null"
                            : fresh.getClass().getName()) + ", which does not implement " + type.getName());
                }
            }
        } catch (Exception | LinkageError e) {
            String message = "an instance of unit '" + lineage.unit() + "' (" + arguments + ") could not move from "
                    + c.generation + " to " + to + ": " + e.getMessage() + "; it keeps serving on "
                    + c.generation;
            if (to.failure(message)) {
                LOG.warn(message);
            }
            return new Cell(c.generation, c.target, to);
        }
        to.arrived();
        residence.generation = to;
        c.generation.left();
        if (c.target instanceof StatefulUnit replaced) {
            try {
                replaced.retired();
            } catch (RuntimeException e) {
                LOG.warn("Unit '{}': a replaced instance failed in retired(): {}", lineage.unit(), e.toString());
            }
        }
        return new Cell(to, fresh, null);
    }

    /** @return the version this instance is on */
    public Generation generation() {
        return cell.generation;
    }

    @Override
    public String toString() {
        Cell c = cell;
        return "LiveswapInstance[unit=" + lineage.unit() + ", " + c.generation + ", target="
                + c.target.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(c.target)) + "]";
    }
}
