package io.liveswap.core.lazy;

/**
 * The generation an instance lives on, kept apart from the instance so that the table can still account for it
 * after the instance was collected.
 */
public final class Residence {

    volatile Generation generation;

    public Generation generation() {
        return generation;
    }
}
