package io.liveswap.demo.notebook.v3;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.liveswap.api.Unit;
import io.liveswap.api.UnitUpdate;
import io.liveswap.demo.notebook.Notebook;
import io.liveswap.state.Derive;
import io.liveswap.state.From;

/**
 * Version 3.0.0 of the notebook unit, which fails on purpose: the hook that would derive its new field from the
 * carried notes refuses them, so applying it shows the abort path (the update is refused with
 * {@code IMPORT_FAILED}, 2.1.0 keeps serving with all its notes).
 */
@Component
@Unit("notebook")
@UnitUpdate(unit = "notebook", version = "3.0.0", replaces = "2.1.0")
public class BrokenNotebook implements Notebook {

    private final List<String> notes = new ArrayList<>();
    private int pages;

    @Derive("pages")
    static int pages(@From("notes") List<String> notes) {
        throw new IllegalStateException("BrokenNotebook 3.0.0 cannot read the notebook's state (on purpose)");
    }

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
        return notes.size() + pages;
    }
}
