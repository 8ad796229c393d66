package io.liveswap.mediator.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.liveswap.state.StatefulUnit;

/**
 * An implementation with state: a map it exports as is and replaces on import. It can be told to fail on export or
 * import, and remembers whether it was imported into and retired.
 */
@io.liveswap.state.StateFormat("fake/1")
final class FakeStatefulUnit implements StatefulUnit {

    private Map<String, Object> state;
    private RuntimeException exportFailure;
    private Throwable importFailure;
    private int imports;
    private boolean retired;

    FakeStatefulUnit(Map<String, Object> state) {
        this.state = new LinkedHashMap<>(state);
    }

    FakeStatefulUnit failingExport(RuntimeException failure) {
        exportFailure = failure;
        return this;
    }

    FakeStatefulUnit failingImport(Throwable failure) {
        importFailure = failure;
        return this;
    }

    Map<String, Object> state() {
        return state;
    }

    int imports() {
        return imports;
    }

    boolean wasRetired() {
        return retired;
    }

    @Override
    public Map<String, Object> exportState() {
        if (exportFailure != null) {
            throw exportFailure;
        }
        return state;
    }

    @Override
    public void importState(Map<String, Object> imported) {
        if (importFailure instanceof Error error) {
            throw error;
        }
        if (importFailure != null) {
            throw (RuntimeException) importFailure;
        }
        imports++;
        state = new LinkedHashMap<>(imported);
    }

    @Override
    public void retired() {
        retired = true;
    }
}
