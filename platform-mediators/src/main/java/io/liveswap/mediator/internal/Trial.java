package io.liveswap.mediator.internal;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.Reason;
import io.liveswap.api.UnitConstants;
import io.liveswap.mediator.TrialReport;
import io.liveswap.spi.IncompatibleInterfaceException;
import io.liveswap.spi.QuiescenceTimeoutException;
import io.liveswap.spi.UnitControl;

/**
 * One trial of an update ({@link io.liveswap.mediator.Mediator#trial}): the candidate bundle installed under a
 * location of its own, resolved, started and awaited as a candidate of the unit; its interfaces compared with the
 * running version's; a copy of the running version's state exported inside a short pause, transformed and imported
 * into the candidate's (throwaway) instance outside it, and run back down on a further copy; the candidate
 * uninstalled whatever happened.
 *
 * <p><b>Protocol.</b> The caller holds the unit's swap lock ({@link SwapLocks}) for the whole run, so no swap of the
 * unit runs meanwhile and the candidate, which is uninstalled before the lock is released, can never be chosen as
 * the unit's implementation (a plain OSGi stop of the running version waits for the lock, then finds no candidate
 * of ours). The pause is the swap's: close, drain within the quiescence deadline, export on a transfer thread
 * within the state-transfer deadline, open; the proxy is never re-pointed, so the running version serves
 * afterwards with its state (the export works on the deep copy {@link StateGraph} makes).
 */
final class Trial {

    private static final Logger LOG = LoggerFactory.getLogger(Trial.class);
    private static final AtomicLong TRIALS = new AtomicLong();

    private final BundleContext context;
    private final UnitControl control;
    private final StateTransfer transfer;
    private final Deadlines deadlines;
    private final TransferRunner transfers;
    private final Function<Bundle, ServiceReference<?>> registration;

    /**
     * @param registration waits until a started bundle registers an implementation of the unit (throws a
     *        {@link CodedFailure} when its component failed to activate or registers nothing in time)
     */
    Trial(BundleContext context, UnitControl control, StateTransfer transfer, Deadlines deadlines,
            TransferRunner transfers, Function<Bundle, ServiceReference<?>> registration) {
        this.context = context;
        this.control = control;
        this.transfer = transfer;
        this.deadlines = deadlines;
        this.transfers = transfers;
        this.registration = registration;
    }

    TrialReport run(String location) {
        long started = System.nanoTime();
        TrialReport report = new TrialReport();
        report.unit = control.unit();
        report.fromVersion = control.version().toString();
        Bundle candidate = null;
        try {
            if (control.implementationReference() == null) {
                throw new CodedFailure(Reason.UNEXPECTED, "unit '" + control.unit() + "' has no serving"
                        + " implementation, and a candidate registering now would be handed the state it holds;"
                        + " check again once a version serves", null);
            }
            candidate = install(location);
            report.bundle = candidate.getSymbolicName() + " " + candidate.getVersion();
            report.resolved = context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(List.of(candidate));
            start(candidate);
            ServiceReference<?> implementation = registration.apply(candidate);
            report.registered = true;
            Version from = control.version();
            Version to = control.versionOf(implementation);
            report.toVersion = to.toString();
            compareInterfaces(report, implementation);
            Object target = target(implementation);
            carry(report, from, to, target);
            report.passed = true;
        } catch (CodedFailure e) {
            fail(report, e.reason(), e.getMessage());
        } catch (RuntimeException | Error e) {
            fail(report, Reason.UNEXPECTED, "the trial failed: " + e);
        } finally {
            if (candidate != null) {
                uninstall(candidate);
            }
            report.totalNanos = System.nanoTime() - started;
        }
        return report;
    }

    private Bundle install(String location) {
        String own = "liveswap-trial:" + TRIALS.incrementAndGet() + ":" + location;
        try (InputStream in = URI.create(location).toURL().openStream()) {
            return context.installBundle(own, in);
        } catch (Exception e) {
            throw new CodedFailure(Reason.INSTALL_FAILED, "cannot install " + location + ": " + e.getMessage()
                    + ". Check that the file is a complete bundle jar", e);
        }
    }

    private static void start(Bundle candidate) {
        try {
            candidate.start();
        } catch (BundleException e) {
            throw new CodedFailure(e.getType() == BundleException.RESOLVE_ERROR ? Reason.UNRESOLVABLE
                    : Reason.START_FAILED, "bundle " + candidate.getSymbolicName() + " " + candidate.getVersion()
                    + " failed to start: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"),
                    e);
        }
    }

    /** An interface change: a class of the candidate's service is another copy than the running version's. */
    private void compareInterfaces(TrialReport report, ServiceReference<?> candidate) {
        ServiceReference<?> running = control.implementationReference();
        if (running == null || running.getBundle() == null || candidate.getBundle() == null) {
            return;
        }
        for (String name : (String[]) candidate.getProperty(Constants.OBJECTCLASS)) {
            try {
                if (candidate.getBundle().loadClass(name) != running.getBundle().loadClass(name)) {
                    report.interfaceChange = true;
                }
            } catch (ClassNotFoundException e) {
                report.interfaceChange = true;
            }
        }
        if (report.interfaceChange) {
            report.consumers = consumers();
        }
    }

    /** The bundles using any of the unit's proxies. */
    private String[] consumers() {
        List<String> using = new ArrayList<>();
        try {
            ServiceReference<?>[] proxies = context.getServiceReferences((String) null, "(&(" + UnitConstants.UNIT
                    + "=" + control.unit() + ")(" + UnitConstants.PROXY + "=true))");
            for (ServiceReference<?> proxy : proxies == null ? new ServiceReference<?>[0] : proxies) {
                Bundle[] bundles = proxy.getUsingBundles();
                for (Bundle b : bundles == null ? new Bundle[0] : bundles) {
                    String name = b.getSymbolicName() + " [" + b.getBundleId() + "]";
                    if (!using.contains(name)) {
                        using.add(name);
                    }
                }
            }
        } catch (InvalidSyntaxException e) {
            LOG.warn("Unit '{}': cannot list the consumers of its proxy: {}", control.unit(), e.getMessage());
        }
        return using.toArray(String[]::new);
    }

    /**
     * The candidate's object, or the refusal's code ({@link Reason#INTERFACE_REMOVED},
     * {@link Reason#UNDECLARED_EXCEPTION}) when it cannot serve a face's consumers.
     */
    private Object target(ServiceReference<?> implementation) {
        try {
            return control.implementation(implementation);
        } catch (IncompatibleInterfaceException e) {
            throw new CodedFailure(e.reason(), e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CodedFailure(Reason.INTERFACE_REMOVED, e.getMessage(), e);
        }
    }

    /** Export inside a pause, then (outside it) the way down on a copy and the import into the candidate. */
    private void carry(TrialReport report, Version from, Version to, Object target) {
        report.transformers = transfer.steps(control.unit(), from, to).stream().map(Object::toString)
                .toArray(String[]::new);
        if (control.multiInstance()) {
            report.notes = new String[] {"multi-instance unit: only the factory's own state was tried; its live"
                    + " instances migrate through the same transformers, one by one, and were not tried"};
        }
        Object running = control.implementation();
        transfer.check(control.unit(), from, running, to, target); // what the update refuses before its pause
        if (running != null && StateTransfer.automatic(running, target)) {
            carryFields(report, from, to, running, target);
            return;
        }
        StateGraph.Copy exported = inPause(report, r -> transfer.export(control.unit(), from, r));
        report.stateful = exported != null;
        if (exported == null) {
            report.downgradable = true;
            report.downgrade = "version " + from + " has no state: a rollback carries none";
            return;
        }
        StateGraph.Copy spare = StateGraph.copy("state exported by version " + from, exported.graph());
        onTransferThread(target, abandoned -> {
            wayDown(report, spare, from, to);
            return null;
        });
        long carrying = System.nanoTime();
        report.stateValues = onTransferThread(target,
                abandoned -> transfer.carry(control.unit(), exported, from, to, target, abandoned));
        report.transferNanos = System.nanoTime() - carrying;
        report.imported = true;
    }

    /**
     * Automatic transfer: the running version's fields copied into the candidate inside the pause (the copy only
     * reads the running objects), and the way back down checked from the declared types.
     */
    private void carryFields(TrialReport report, Version from, Version to, Object running, Object target) {
        report.stateful = transfer.hasFields(running);
        report.automatic = true;
        long carrying = System.nanoTime();
        long carried = inPause(report, r -> transfer.carryFields(control.unit(), from, r, to, target, () -> false));
        report.transferNanos = System.nanoTime() - carrying;
        report.stateValues = Math.max(0, carried);
        report.imported = true;
        String[] dropped = transfer.dropped();
        report.notes = dropped.length == 0 ? report.notes
                : new String[] {"automatic transfer drops " + String.join(", ", dropped)};
        try {
            transfer.check(control.unit(), to, target, from, running);
            report.downgradable = true;
            report.downgrade = "a rollback to " + from + " carries the state back (automatically, field by field)";
        } catch (CodedFailure e) {
            report.downgradeReason = e.reason();
            report.downgrade = "no automatic revert with state (" + e.getMessage() + ")";
        }
    }

    private <T> T inPause(TrialReport report, Function<Object, T> work) {
        List<UnitControl> units = List.of(control);
        long closed = System.nanoTime();
        control.close(units, deadlines.callerWaitLimit());
        try {
            control.awaitQuiescence(deadlines.quiescence());
            report.drainNanos = System.nanoTime() - closed;
            Object running = control.implementation();
            return transfers.run(deadlines.stateTransfer(), List.of(), abandoned -> work.apply(running));
        } catch (QuiescenceTimeoutException e) {
            throw new CodedFailure(Reason.QUIESCENCE_TIMEOUT, e.getMessage() + "; an update would abort the same"
                    + " way", e);
        } catch (TransferRunner.TimedOut e) {
            throw new CodedFailure(Reason.TRANSFER_TIMEOUT, "exporting the state took longer than "
                    + deadlines.stateTransfer().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodedFailure(Reason.INTERRUPTED, "the trial was interrupted", e);
        } finally {
            SwapProtocol.openAll(units);
            report.pauseNanos = System.nanoTime() - closed;
        }
    }

    /** Whether the state, brought up to {@code to}, also goes back down to {@code from} (a rollback with state). */
    private void wayDown(TrialReport report, StateGraph.Copy spare, Version from, Version to) {
        StateGraph.Copy up;
        try {
            up = transfer.transform(control.unit(), spare, from, to);
        } catch (CodedFailure e) {
            report.downgrade = "not tried: the state does not go up (" + e.reason() + ")";
            report.downgradeReason = e.reason();
            return;
        }
        try {
            StateGraph.Copy down = transfer.transform(control.unit(), up, to, from);
            report.downgradable = true;
            report.downgrade = "a rollback to " + from + " carries the state back (" + down.values() + " values)";
        } catch (CodedFailure e) {
            report.downgradeReason = e.reason();
            report.downgrade = (e.reason() == Reason.NO_DOWNWARD_TRANSFORMER
                    ? "no automatic revert with state: version " + to + " has no downward transformer to " + from
                    : "no automatic revert with state") + " (" + e.getMessage() + ")";
        }
    }

    private <T> T onTransferThread(Object target, Function<java.util.function.BooleanSupplier, T> work) {
        try {
            return transfers.run(deadlines.stateTransfer(), List.of(target), work);
        } catch (TransferRunner.TimedOut e) {
            throw new CodedFailure(Reason.TRANSFER_TIMEOUT, "transforming and importing the state took longer than "
                    + deadlines.stateTransfer().toMillis() + " ms (outside the pause; an update would abort)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodedFailure(Reason.INTERRUPTED, "the trial was interrupted", e);
        }
    }

    private static void fail(TrialReport report, Reason reason, String why) {
        report.passed = false;
        report.reason = reason;
        report.cause = why;
    }

    private void uninstall(Bundle candidate) {
        try {
            BundleRetirement.retire(context, candidate, deadlines.registration());
        } catch (BundleException | RuntimeException e) {
            LOG.error("Unit '{}': could not uninstall the trial's bundle {} [{}]: {}", control.unit(),
                    candidate.getSymbolicName(), candidate.getBundleId(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
