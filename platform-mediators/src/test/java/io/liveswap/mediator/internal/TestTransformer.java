package io.liveswap.mediator.internal;

import java.util.Map;
import java.util.function.UnaryOperator;

import io.liveswap.state.StateTransformer;

/** A state transformer of unit "u" for tests; without {@code down} it has no downward step (the default). */
record TestTransformer(String unit, String from, String to, UnaryOperator<Map<String, Object>> up,
        UnaryOperator<Map<String, Object>> down) implements StateTransformer {

    /** A transformer that keeps the state as it is, both ways. */
    static TestTransformer identity(String from, String to) {
        return new TestTransformer("u", from, to, s -> s, s -> s);
    }

    @Override
    public Map<String, Object> upgrade(Map<String, Object> state) {
        return up.apply(state);
    }

    @Override
    public Map<String, Object> downgrade(Map<String, Object> state) {
        return down == null ? StateTransformer.super.downgrade(state) : down.apply(state);
    }
}
