package io.liveswap.demo.notebook.v22;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.liveswap.api.Unit;
import io.liveswap.api.UnitUpdate;
import io.liveswap.demo.notebook.Notebook;
import io.liveswap.state.Transient;

/**
 * Version 2.2.0 of the notebook unit, a regression on purpose: it applies cleanly (the same fields as 2.0.0 and
 * 2.1.0, carried by the platform), then {@link #add(String)} throws on every third call, before it changes anything.
 * Probation sees the exception rate rise and reverts the unit to 2.1.0 with every note that was added.
 */
@Component
@Unit("notebook")
@UnitUpdate(unit = "notebook", version = "2.2.0", replaces = "2.1.0")
public class FlakyNotebook implements Notebook {

    private final List<String> notes = new ArrayList<>();
    private int count;
    /** Calls of {@link #add}: this version's own, not state to carry back. */
    @Transient
    private long adds;

    @Override
    public synchronized int add(String note) {
        if (++adds % 3 == 0) {
            throw new IllegalStateException("notebook 2.2.0 lost its page (a regression on purpose): '" + note
                    + "' was not added");
        }
        notes.add(note);
        return ++count;
    }

    @Override
    public synchronized List<String> latest(int n) {
        List<String> numbered = new ArrayList<>();
        for (int i = Math.max(0, count - n); i < count; i++) {
            numbered.add("#" + (i + 1) + " " + notes.get(i));
        }
        return numbered;
    }

    @Override
    public synchronized int size() {
        return count;
    }
}
