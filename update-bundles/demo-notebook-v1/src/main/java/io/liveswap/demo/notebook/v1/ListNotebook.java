package io.liveswap.demo.notebook.v1;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.liveswap.api.Unit;
import io.liveswap.demo.notebook.Notebook;

/**
 * Version 1.0.0 of the notebook unit: the notes in a list. Its state is its field: the platform carries it to the
 * next version by itself (automatic state transfer), so there is no state code here.
 */
@Component
@Unit("notebook")
public class ListNotebook implements Notebook {

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
}
