package io.liveswap.demo.notebook.v3;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.liveswap.api.Unit;
import io.liveswap.api.UnitUpdate;
import io.liveswap.demo.notebook.Notebook;
import io.liveswap.state.StatefulUnit;

/**
 * Version 3.0.0 of the notebook unit, which fails on purpose: it refuses the state handed to it, so applying it
 * shows the abort path (the update is refused, 2.1.0 keeps serving with all its notes).
 */
@Component
@Unit("notebook")
@UnitUpdate(unit = "notebook", version = "3.0.0", replaces = "2.1.0")
public class BrokenNotebook implements Notebook, StatefulUnit {

    @Override
    public int add(String note) {
        throw new UnsupportedOperationException("the broken version never serves");
    }

    @Override
    public List<String> latest(int count) {
        return List.of();
    }

    @Override
    public int size() {
        return 0;
    }

    @Override
    public Map<String, Object> exportState() {
        return Map.of();
    }

    @Override
    public void importState(Map<String, Object> state) {
        throw new IllegalStateException("BrokenNotebook 3.0.0 cannot read the notebook's state (on purpose)");
    }
}
