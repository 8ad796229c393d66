package io.liveswap.demo.notebook.v1;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.liveswap.api.Unit;
import io.liveswap.demo.notebook.Notebook;
import io.liveswap.state.StatefulUnit;

/** Version 1.0.0 of the notebook unit: the notes in a list. State: {@code {"notes": [String...]}}. */
@Component
@Unit("notebook")
public class ListNotebook implements Notebook, StatefulUnit {

    private final List<String> notes = new ArrayList<>();

    @Override
    public synchronized int add(String note) {
        notes.add(note);
        return notes.size();
    }

    @Override
    public synchronized List<String> latest(int count) {
        return List.copyOf(notes.subList(Math.max(0, notes.size() - count), notes.size()));
    }

    @Override
    public synchronized int size() {
        return notes.size();
    }

    @Override
    public synchronized Map<String, Object> exportState() {
        return Map.of("notes", List.copyOf(notes));
    }

    @Override
    public synchronized void importState(Map<String, Object> state) {
        notes.clear();
        for (Object note : (List<?>) state.get("notes")) {
            notes.add((String) note);
        }
    }
}
