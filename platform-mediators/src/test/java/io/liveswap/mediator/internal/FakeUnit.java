package io.liveswap.mediator.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

import io.liveswap.spi.InstanceMigration;
import io.liveswap.spi.QuiescenceMode;
import io.liveswap.spi.QuiescenceTimeoutException;
import io.liveswap.spi.UnitControl;

/**
 * A unit of one instance without a proxy: it knows its implementations (reference, object, version), points at one
 * of them, and records every call the mediators make on it, in order, as {@code "close"}, {@code "await"},
 * {@code "repoint <reference>"}, {@code "stateCarried <n>"}, {@code "open"}, {@code "recordSwap"}; also into a log shared by several
 * units, as {@code "<unit> <call>"}, for the order across units. Single-threaded: tests drive it from one thread.
 */
final class FakeUnit implements UnitControl {

    private final String unit;
    private final Map<ServiceReference<?>, Object> implementations = new HashMap<>();
    private final Map<ServiceReference<?>, Version> versions = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private List<String> shared = new ArrayList<>();
    private ServiceReference<?> current;
    private boolean closed;
    private List<String> holdersAtTimeout;
    private boolean multiInstance;
    private RuntimeException repointFailure;
    private final java.util.Set<ServiceReference<?>> unservable = new java.util.HashSet<>();

    /** A unit served by {@code implementation}, version {@code version}, registered as {@code reference}. */
    FakeUnit(String unit, FakeReference reference, String version, Object implementation) {
        this.unit = unit;
        offer(reference, version, implementation);
        current = reference;
    }

    /** Registers another implementation of the unit (a candidate). */
    FakeUnit offer(FakeReference reference, String version, Object implementation) {
        implementations.put(reference, implementation);
        versions.put(reference, Version.parseVersion(version));
        return this;
    }

    /** From now on, {@link #awaitQuiescence} times out with these threads still inside. */
    FakeUnit neverQuiet(String... holders) {
        holdersAtTimeout = List.of(holders);
        return this;
    }

    /**
     * From now on the unit says it is a multi-instance unit (for the checks the mediators make before a swap; its
     * multi-instance re-point is not faked).
     */
    FakeUnit claimingMultipleInstances() {
        multiInstance = true;
        return this;
    }

    /**
     * The implementation registered as {@code reference} cannot serve the unit's consumers (an interface change):
     * {@link #implementation(ServiceReference)} refuses it, as the table does.
     */
    FakeUnit unservable(FakeReference reference) {
        unservable.add(reference);
        return this;
    }

    /** From now on, {@link #repoint(ServiceReference)} records the call and throws {@code failure}. */
    FakeUnit failingRepoint(RuntimeException failure) {
        repointFailure = failure;
        return this;
    }

    /** Also logs this unit's calls into {@code log}, prefixed with the unit's name. */
    FakeUnit sharing(List<String> log) {
        shared = log;
        return this;
    }

    /** The calls made on this unit, in order. */
    List<String> calls() {
        return calls;
    }

    /** Whether the gate is closed now. */
    boolean closed() {
        return closed;
    }

    private void record(String call) {
        calls.add(call);
        shared.add(unit + " " + call);
    }

    @Override
    public String unit() {
        return unit;
    }

    @Override
    public QuiescenceMode mode() {
        return QuiescenceMode.COUNTING;
    }

    @Override
    public Version version() {
        return versions.get(current);
    }

    @Override
    public ServiceReference<?> implementationReference() {
        return current;
    }

    @Override
    public Object implementation() {
        return implementations.get(current);
    }

    @Override
    public Object implementation(ServiceReference<?> reference) {
        Object implementation = implementations.get(reference);
        if (unservable.contains(reference)) {
            throw new IllegalArgumentException(reference + " lacks methods the consumers of unit '" + unit
                    + "' use");
        }
        if (implementation == null) {
            throw new IllegalArgumentException(reference + " is no implementation of unit '" + unit + "'");
        }
        return implementation;
    }

    @Override
    public Version versionOf(ServiceReference<?> reference) {
        return versions.get(reference);
    }

    @Override
    public Collection<ServiceReference<?>> candidates() {
        List<ServiceReference<?>> candidates = new ArrayList<>(implementations.keySet());
        candidates.remove(current);
        return candidates;
    }

    @Override
    public void close(Collection<? extends UnitControl> swappedTogether, Duration waitLimit) {
        record("close");
        closed = true;
    }

    @Override
    public void awaitQuiescence(Duration timeout) throws QuiescenceTimeoutException {
        record("await");
        if (holdersAtTimeout != null) {
            throw new QuiescenceTimeoutException(unit, "unit '" + unit + "' not quiet within " + timeout,
                    holdersAtTimeout);
        }
    }

    @Override
    public void repoint(ServiceReference<?> reference) {
        record("repoint " + reference);
        if (repointFailure != null) {
            throw repointFailure;
        }
        current = reference;
    }

    @Override
    public Migrated repoint(ServiceReference<?> reference, InstanceMigration migration, boolean eager) {
        throw new UnsupportedOperationException("a unit of one instance");
    }

    @Override
    public Migrated migrateRemaining() {
        throw new UnsupportedOperationException("a unit of one instance");
    }

    @Override
    public boolean multiInstance() {
        return multiInstance;
    }

    @Override
    public void whenUnused(ServiceReference<?> implementation, Runnable action) {
        record("whenUnused " + implementation);
    }

    @Override
    public Object monitor() {
        return this;
    }

    @Override
    public void outOfService(String why) {
        record("outOfService");
    }

    @Override
    public void recordSwap(long pauseNanos, long drainNanos, long transferNanos) {
        record("recordSwap");
    }

    @Override
    public void stateCarried(long values) {
        record("stateCarried " + values);
    }

    @Override
    public void open() {
        record("open");
        closed = false;
    }
}
