package io.liveswap.demo.notebook.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.liveswap.api.Unit;
import io.liveswap.api.UnitUpdate;
import io.liveswap.demo.notebook.Notebook;
import io.liveswap.state.StatefulUnit;

/**
 * Version 2.0.0 of the notebook unit, a data-structure change: the list gains an element counter, so
 * {@link #size()} no longer walks the list. State: {@code {"notes": [String...], "count": int}}.
 */
@Component
@Unit("notebook")
@UnitUpdate(unit = "notebook", version = "2.0.0", replaces = "1.0.0")
public class CountedNotebook implements Notebook, StatefulUnit {

    private final List<String> notes = new ArrayList<>();
    private int count;

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

    @Override
    public synchronized Map<String, Object> exportState() {
        return Map.of("notes", List.copyOf(notes), "count", count);
    }

    @Override
    public synchronized void importState(Map<String, Object> state) {
        List<?> imported = (List<?>) state.get("notes");
        int declared = ((Number) state.get("count")).intValue();
        if (declared != imported.size()) {
            throw new IllegalArgumentException("state says " + declared + " notes but holds " + imported.size());
        }
        notes.clear();
        imported.forEach(note -> notes.add((String) note));
        count = declared;
    }
}
