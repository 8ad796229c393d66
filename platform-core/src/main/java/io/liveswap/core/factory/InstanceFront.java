package io.liveswap.core.factory;

import java.util.List;
import java.util.Map;

import io.liveswap.core.lazy.Generation;
import io.liveswap.factory.InstanceFactory;

/** What a multi-instance unit's proxy targets for one version: its factory, with every instance tracked. */
final class InstanceFront implements InstanceFactory {

    private final InstanceTable table;
    private final Generation generation;

    InstanceFront(InstanceTable table, Generation generation) {
        this.table = table;
        this.generation = generation;
    }

    @Override
    public List<Class<?>> instanceTypes() {
        return table.types();
    }

    @Override
    public Object create(Map<String, Object> arguments) {
        return table.create(generation, arguments);
    }

    @Override
    public String toString() {
        return "factory of unit '" + table.unit() + "', " + generation;
    }
}
