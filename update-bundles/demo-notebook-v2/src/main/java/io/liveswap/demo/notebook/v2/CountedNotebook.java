package io.liveswap.demo.notebook.v2;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.liveswap.api.Unit;
import io.liveswap.api.UnitUpdate;
import io.liveswap.demo.notebook.Notebook;
import io.liveswap.state.Derive;
import io.liveswap.state.From;

/**
 * Version 2.0.0 of the notebook unit, a data-structure change: the list gains an element counter, so
 * {@link #size()} no longer walks the list. No state code: the platform carries {@code notes} by name, and the
 * {@link #count(List)} hook derives the new field from it. A rollback to 1.0.0 carries {@code notes} back (and
 * reports {@code count} as dropped: 1.0.0 has no field for it).
 */
@Component
@Unit("notebook")
@UnitUpdate(unit = "notebook", version = "2.0.0", replaces = "1.0.0")
public class CountedNotebook implements Notebook {

    private final List<String> notes = new ArrayList<>();
    private int count;

    /** The counter of a notebook carried from a version without one: the number of its notes. */
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
        return List.copyOf(notes.subList(Math.max(0, count - n), count));
    }

    @Override
    public synchronized int size() {
        return count;
    }
}
