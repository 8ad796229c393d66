package io.liveswap.spi;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a layer above the translation table knows about a unit, shown by {@code liveswap:status} beside what the
 * table knows (e.g. the update layer's probation). Register implementations as services; the shell asks each.
 *
 * <p><b>Threading.</b> Called on the shell's thread, at any time; answer from a snapshot, without blocking on
 * updates.
 *
 * @since 2.1
 */
@ConsumerType
public interface UnitNotes {

    /**
     * @param unit a unit the table knows
     * @return rows of {@code liveswap:status}: each a property name and its value; empty when there is nothing to say
     */
    List<String[]> notes(String unit);
}
