package io.liveswap.mediator.internal;

import java.util.Map;
import java.util.function.UnaryOperator;

import io.liveswap.state.StateTransformer;

/** A state transformer of unit {@code unit} between two versions, doing what the test gives it in each direction. */
record FakeTransformer(String unit, String from, String to, UnaryOperator<Map<String, Object>> up,
        UnaryOperator<Map<String, Object>> down) implements StateTransformer {

    @Override
    public Map<String, Object> upgrade(Map<String, Object> state) {
        return up.apply(state);
    }

    @Override
    public Map<String, Object> downgrade(Map<String, Object> state) {
        return down.apply(state);
    }
}
