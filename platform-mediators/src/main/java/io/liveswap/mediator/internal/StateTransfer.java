package io.liveswap.mediator.internal;

import java.util.List;
import java.util.Map;

import org.osgi.framework.Version;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.Reason;
import io.liveswap.factory.InstanceFactory;
import io.liveswap.spi.InstanceMigration;
import io.liveswap.state.StateFormat;
import io.liveswap.state.StatefulUnit;

/**
 * Moves a unit's state from the version being replaced to the new one. Hand-written ({@link StatefulUnit} on both
 * sides): export, validate, transform step by step (validating each result), import; state formats that differ need
 * a transformer chain. Automatic (neither side a {@code StatefulUnit}): the old objects' fields copied into the new
 * ones ({@link FieldTransfer}). Everything happens before the swap's point of no return; {@link #check} refuses
 * before the pause what certainly cannot be carried.
 */
final class StateTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(StateTransfer.class);

    private final Transformers transformers;
    private final FieldTransfer fields = new FieldTransfer();

    StateTransfer(Transformers transformers) {
        this.transformers = transformers;
    }

    /** Whether the state moves automatically between these two implementation objects (neither hand-writes it). */
    static boolean automatic(Object old, Object fresh) {
        return !(old instanceof StatefulUnit) && !(fresh instanceof StatefulUnit);
    }

    /** The state format of a {@link StatefulUnit}: its {@link StateFormat}, else its version. */
    static String format(Object implementation, Version version) {
        StateFormat declared = implementation.getClass().getAnnotation(StateFormat.class);
        return declared != null ? declared.value() : "version " + version;
    }

    /**
     * Refuses, before the pause, a transfer that cannot give the new version state in a shape it reads: hand-written
     * formats that differ with no transformer chain ({@link Reason#STATE_FORMAT_CHANGED}), automatic transfer that
     * cannot carry a field, or old state in fields that a {@code StatefulUnit} cannot take
     * ({@link Reason#STATE_UNMAPPABLE}).
     */
    void check(String unit, Version from, Object old, Version to, Object fresh) {
        if (old == null || fresh == null) {
            return;
        }
        if (old instanceof StatefulUnit && fresh instanceof StatefulUnit) {
            checkFormats(unit, from, format(old, from), to, fresh);
        } else if (automatic(old, fresh)) {
            fields.check(unit, from, old, to, fresh);
        } else if (!(old instanceof StatefulUnit) && fields.hasState(old)) {
            throw new CodedFailure(Reason.STATE_UNMAPPABLE, "version " + from + " of unit '" + unit + "' keeps its"
                    + " state in fields, but version " + to + " is a StatefulUnit, whose importState reads a map;"
                    + " drop StatefulUnit from " + to + " so that its fields are carried automatically, or implement"
                    + " StatefulUnit in " + from + " too", null);
        }
    }

    private void checkFormats(String unit, Version from, String oldFormat, Version to, Object fresh) {
        String newFormat = format(fresh, to);
        if (oldFormat != null && !oldFormat.equals(newFormat) && steps(unit, from, to).isEmpty()) {
            throw new CodedFailure(Reason.STATE_FORMAT_CHANGED, "unit '" + unit + "': version " + from + " exports"
                    + " state format '" + oldFormat + "' and version " + to + " reads '" + newFormat + "', and no"
                    + " StateTransformer links " + from + " and " + to + "; ship a StateTransformer for the step in the"
                    + " newer version's bundle, or, if the shape did not change, declare the same @StateFormat on both"
                    + " versions", null);
        }
    }

    /**
     * Copies the old version's fields into the new version's object (automatic transfer), unless abandoned.
     *
     * @return the values carried, -1 when the old version has no fields with state
     */
    long carryFields(String unit, Version from, Object old, Version to, Object fresh,
            java.util.function.BooleanSupplier abandoned) {
        if (!fields.hasState(old)) {
            return -1;
        }
        if (abandoned.getAsBoolean()) {
            throw new IllegalStateException("the state transfer of unit '" + unit + "' was abandoned after its"
                    + " deadline; version " + to + " receives nothing");
        }
        return fields.copy(unit, from, old, to, fresh);
    }

    /** Whether an implementation that is not a {@link StatefulUnit} has fields automatic transfer carries. */
    boolean hasFields(Object old) {
        return fields.hasState(old);
    }

    /** The fields automatic transfers of this swap dropped ("Class.field"). */
    String[] dropped() {
        return fields.dropped();
    }

    /** The state of a version, exported and validated; {@code null} for an implementation without state. */
    StateGraph.Copy export(String unit, Version version, Object implementation) {
        if (!(implementation instanceof StatefulUnit stateful)) {
            return null;
        }
        String what = "state exported by version " + version + " of unit '" + unit + "'";
        Map<String, Object> state;
        try {
            state = stateful.exportState();
        } catch (IllegalArgumentException e) {
            throw new CodedFailure(Reason.EXPORT_FAILED, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CodedFailure(Reason.EXPORT_FAILED, "exporting the " + what + " failed: " + e, e);
        }
        return valid(what, state).withFormat(format(implementation, version));
    }

    /** Validates and copies a state graph; an invalid one is {@link Reason#INVALID_STATE}. */
    private static StateGraph.Copy valid(String what, Map<String, Object> state) {
        try {
            return StateGraph.copy(what, state);
        } catch (IllegalArgumentException invalid) {
            throw new CodedFailure(Reason.INVALID_STATE, invalid.getMessage(), invalid);
        }
    }

    /**
     * Transforms exported state to the new version and imports it.
     *
     * @return the number of values imported
     */
    long carry(String unit, StateGraph.Copy exported, Version from, Version to, Object implementation) {
        return carry(unit, exported, from, to, implementation, () -> false);
    }

    /**
     * Transforms exported state to the new version and imports it, unless the transfer was abandoned (past its
     * deadline) by the time the import would start.
     *
     * @return the number of values imported
     */
    long carry(String unit, StateGraph.Copy exported, Version from, Version to, Object implementation,
            java.util.function.BooleanSupplier abandoned) {
        if (exported == null) {
            return 0;
        }
        if (!(implementation instanceof StatefulUnit stateful)) {
            if (exported.graph().isEmpty()) {
                return 0;
            }
            throw new CodedFailure(Reason.NOT_STATEFUL, "version " + to + " of unit '" + unit + "' does not implement"
                    + " StatefulUnit, but version " + from + " has state to hand over (" + exported.values()
                    + " values); implement StatefulUnit in the new version so that no state is lost", null);
        }
        checkFormats(unit, from, exported.format(), to, stateful);
        StateGraph.Copy state = transform(unit, exported, from, to);
        if (abandoned.getAsBoolean()) {
            throw new IllegalStateException("the state transfer of unit '" + unit + "' was abandoned after its"
                    + " deadline; version " + to + " imports nothing");
        }
        return importInto(unit, state, to, stateful);
    }

    /**
     * Runs exported state through the chain of transformers from one version to another (upwards or downwards),
     * validating each step's result; the input is left as it was.
     *
     * @return the state in the format of {@code to}
     */
    StateGraph.Copy transform(String unit, StateGraph.Copy exported, Version from, Version to) {
        StateGraph.Copy state = exported;
        List<Transformers.Step> steps = steps(unit, from, to);
        for (Transformers.Step step : steps) {
            Map<String, Object> out;
            try {
                out = step.apply(state.graph());
            } catch (RuntimeException e) {
                Reason reason = !step.upwards() && e instanceof UnsupportedOperationException
                        ? Reason.NO_DOWNWARD_TRANSFORMER : Reason.TRANSFORMER_FAILED;
                throw new CodedFailure(reason, "state transformer " + step + " of unit '" + unit + "' failed: " + e, e);
            }
            state = valid("state returned by transformer " + step, out);
        }
        return state;
    }

    /** The transformer steps between two versions of a unit ({@link Reason#TRANSFORMER_MISSING} if none link). */
    List<Transformers.Step> steps(String unit, Version from, Version to) {
        try {
            return transformers.chain(unit, from, to);
        } catch (IllegalArgumentException missing) {
            throw new CodedFailure(Reason.TRANSFORMER_MISSING, missing.getMessage(), missing);
        }
    }

    /** Imports transformed state into a version; {@link Reason#IMPORT_FAILED} if it throws. */
    long importInto(String unit, StateGraph.Copy state, Version to, StatefulUnit stateful) {
        try {
            stateful.importState(state.graph());
        } catch (RuntimeException e) {
            throw new CodedFailure(Reason.IMPORT_FAILED, "version " + to + " of unit '" + unit + "' refused the state"
                    + " (importState threw " + e + ")", e);
        }
        return state.values();
    }

    /**
     * How one instance of a multi-instance unit moves to version {@code to}: the new version's factory makes the
     * replacement from the instance's creation arguments, and the old instance's state (if it has any) is exported,
     * transformed from the instance's own version and imported, exactly as for a unit of one instance.
     */
    InstanceMigration migration(String unit, Version to, InstanceFactory factory) {
        return (instance, from, arguments) -> {
            StateGraph.Copy exported = instance instanceof StatefulUnit ? export(unit, from, instance) : null;
            Object fresh;
            try {
                fresh = factory.create(arguments);
            } catch (RuntimeException e) {
                throw new IllegalStateException("the factory of version " + to + " failed to create the"
                        + " replacement: " + e, e);
            }
            if (automatic(instance, fresh)) {
                carryFields(unit, from, instance, to, fresh, () -> false);
            } else {
                check(unit, from, instance, to, fresh);
                carry(unit, exported, from, to, fresh);
            }
            return fresh;
        };
    }

    /** Tells a replaced version that the swap committed; its failures cannot undo the swap and are only logged. */
    void retire(String unit, Version version, Object replaced) {
        if (replaced instanceof StatefulUnit stateful) {
            try {
                stateful.retired();
            } catch (RuntimeException e) {
                LOG.warn("Unit '{}': replaced version {} failed in retired(): {}", unit, version, e.toString());
            }
        }
    }
}
