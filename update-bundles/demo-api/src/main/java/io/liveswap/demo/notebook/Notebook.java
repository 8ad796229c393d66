package io.liveswap.demo.notebook;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A notebook of short notes, the demo updatable unit ({@code liveswap.unit=notebook}). Implementations are thread
 * safe.
 */
@ConsumerType
public interface Notebook {

    /**
     * Appends a note.
     *
     * @param note the text
     * @return the number of notes held after adding it
     */
    int add(String note);

    /**
     * @param count how many notes at most
     * @return the newest notes, oldest first
     */
    List<String> latest(int count);

    /** @return the number of notes held */
    int size();
}
