package io.liveswap.demo.notebook.v21;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.liveswap.api.Unit;
import io.liveswap.api.UnitUpdate;
import io.liveswap.demo.notebook.Notebook;
import io.liveswap.state.Derive;
import io.liveswap.state.From;

/**
 * Version 2.1.0 of the notebook unit, a code-only change: {@link #latest(int)} numbers the notes it returns.  Same
 * fields as 2.0.0 ({@code notes}, {@code count}): the platform carries them as they are. From 1.0.0 directly (a plain
 * OSGi update can skip 2.0.0), the same hook as 2.0.0's counts the notes.
 */
@Component
@Unit("notebook")
@UnitUpdate(unit = "notebook", version = "2.1.0", replaces = "2.0.0")
public class NumberedNotebook implements Notebook {

    private final List<String> notes = new ArrayList<>();
    private int count;

    /** The counter of a notebook carried from a version without one (1.0.0): the number of its notes. */
    @Derive("count")
    static int count(@From("notes") List<String> notes) {
        return notes.size();
    }

    @Override
    public synchronized int add(String note) {
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
