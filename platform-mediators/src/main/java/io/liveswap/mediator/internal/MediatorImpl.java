package io.liveswap.mediator.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.Reason;
import io.liveswap.mediator.Mediator;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.mediator.SwapReport;
import io.liveswap.mediator.TrialReport;
import io.liveswap.spi.UnitControl;
import io.liveswap.spi.UnitControls;

/** The planned swaps: {@link Mediator} on top of the units' controls. */
@Component(service = Mediator.class, configurationPid = MediatorConfig.PID)
@Designate(ocd = MediatorConfig.class)
public final class MediatorImpl implements Mediator {

    private static final Logger LOG = LoggerFactory.getLogger(MediatorImpl.class);

    private final BundleContext context;
    private final UnitControls controls;
    private final TransformerRegistry transformers;
    private final SwapLocks locks;
    private final TransferRunner transfers = new TransferRunner();
    private volatile Deadlines deadlines;
    private volatile MigrationChoice migration;
    /** Retires replaced versions of multi-instance units once their last instance left; no idle thread. */
    private final java.util.concurrent.ThreadPoolExecutor retirements = new java.util.concurrent.ThreadPoolExecutor(
            0, 1, 5, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
            task -> new Thread(task, "liveswap-retirement"));

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ServiceComponentRuntime scr;

    @Activate
    public MediatorImpl(BundleContext context, @Reference UnitControls controls,
            @Reference TransformerRegistry transformers, @Reference SwapLocks locks, MediatorConfig config) {
        this.context = context;
        this.controls = controls;
        this.transformers = transformers;
        this.locks = locks;
        this.deadlines = Deadlines.of(config);
        this.migration = MigrationChoice.of(config);
    }

    @Modified
    void modified(MediatorConfig config) {
        deadlines = Deadlines.of(config);
        migration = MigrationChoice.of(config);
    }

    @Deactivate
    void deactivate() {
        retirements.shutdown();
        transfers.shutdown();
    }

    @Override
    public SwapReport swap(String unit, ServiceReference<?> implementation) {
        return swapTogether(Map.of(unit, implementation));
    }

    @Override
    public SwapReport swapTogether(Map<String, ServiceReference<?>> implementations) {
        if (implementations.isEmpty()) {
            throw new IllegalArgumentException("Nothing to swap: name at least one unit and its new implementation");
        }
        List<SwapProtocol.Move> moves = new ArrayList<>();
        implementations.forEach((unit, to) -> moves.add(new SwapProtocol.Move(controls.control(unit), to)));
        return locks.with(moves.stream().map(SwapProtocol.Move::unit).toList(), () -> {
            SwapProtocol protocol = new SwapProtocol(transformers.stateTransfer(), deadlines, migration,
                    transfers);
            try {
                SwapReport report = protocol.run(moves);
                LOG.info("Swapped {}: pause {} µs (drain {} µs, state {} µs, {} values)",
                        SwapProtocol.describe(report), report.pauseNanos / 1000, report.drainNanos / 1000,
                        report.transferNanos / 1000, report.stateValues);
                if (report.droppedFields.length > 0) {
                    LOG.warn("Swapped {}: the new version has no field for {}; their values were not carried",
                            SwapProtocol.describe(report), String.join(", ", report.droppedFields));
                }
                return report;
            } catch (SwapAbortedException e) {
                LOG.error(e.getMessage());
                throw e;
            }
        });
    }

    @Override
    public SwapReport update(String unit, String location) {
        UnitControl control = controls.control(unit);
        ServiceReference<?> oldReference = control.implementationReference();
        Bundle old = oldReference == null ? null : oldReference.getBundle();
        Bundle fresh;
        try {
            fresh = installedOrInstall(location);
        } catch (BundleException | IOException | RuntimeException e) {
            throw refused(control, Reason.INSTALL_FAILED, "cannot install " + location + ": " + e.getMessage()
                    + ". Check that the file is a complete bundle jar", e);
        }
        try {
            fresh.start();
            ServiceReference<?> implementation = awaitRegistration(control, fresh);
            SwapReport report = swap(unit, implementation);
            if (old != null && old.getBundleId() != fresh.getBundleId()) {
                retireReplaced(control, old, oldReference); // committed: a failure here must not retire fresh
            }
            return report;
        } catch (BundleException e) {
            retire(fresh, "the update that failed to start");
            throw refused(control, e.getType() == BundleException.RESOLVE_ERROR ? Reason.UNRESOLVABLE
                    : Reason.START_FAILED, "bundle " + fresh.getSymbolicName() + " " + fresh.getVersion()
                    + " failed to start: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"),
                    e);
        } catch (SwapAbortedException e) {
            retire(fresh, "the aborted update");
            throw e;
        } catch (RuntimeException e) {
            retire(fresh, "the update that failed");
            throw refused(control, CodedFailure.of(e, Reason.UNEXPECTED), e.getMessage(), e);
        }
    }

    @Override
    public TrialReport trial(String unit, String location) {
        UnitControl control = controls.control(unit);
        return locks.with(List.of(control), () -> new Trial(context, control, transformers.stateTransfer(),
                deadlines, transfers, fresh -> awaitRegistration(control, fresh)).run(location));
    }

    @Override
    public SwapReport migrate(String unit) {
        UnitControl control = controls.control(unit);
        if (!control.multiInstance()) {
            throw new IllegalArgumentException("Unit '" + unit + "' has one instance; only multi-instance units"
                    + " (whose versions register an InstanceFactory) have instances to migrate");
        }
        return locks.with(List.of(control), () -> {
            SwapReport report = SwapProtocol.migrateRemaining(control, deadlines);
            LOG.info("Unit '{}': {} instances moved to {} in a pause of {} µs, {} failed", unit,
                    report.instancesMigrated, report.toVersions[0], report.pauseNanos / 1000, report.instancesFailed);
            return report;
        });
    }

    /** Retires the bundle a committed update replaced (once no instance lives on it); failures are only logged. */
    private void retireReplaced(UnitControl control, Bundle old, ServiceReference<?> oldReference) {
        try {
            if (control.multiInstance()) {
                control.whenUnused(oldReference, () -> retirements.execute(() -> {
                    ServiceReference<?> now = control.implementationReference();
                    if (now == null || now.getBundle() == null
                            || now.getBundle().getBundleId() != old.getBundleId()) { // not rolled back onto
                        retire(old, "the replaced version, now that no instance lives on it");
                    }
                }));
            } else {
                retire(old, "the replaced version");
            }
        } catch (RuntimeException e) {
            LOG.error("Unit '{}': the update committed, but retiring the replaced bundle {} [{}] failed: {}",
                    control.unit(), old.getSymbolicName(), old.getBundleId(), e.toString());
        }
    }

    /**
     * Installs the bundle at {@code location}, or returns the identical bundle (same symbolic name and version)
     * when it is installed already: a persistent framework keeps updates installed across a restart or a crash.
     */
    private Bundle installedOrInstall(String location) throws BundleException, IOException {
        Manifest manifest;
        try (JarInputStream jar = new JarInputStream(URI.create(location).toURL().openStream())) {
            manifest = jar.getManifest();
        }
        if (manifest != null) {
            String name = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            String version = manifest.getMainAttributes().getValue("Bundle-Version");
            if (name != null) {
                String symbolicName = name.split(";")[0].trim();
                Version wanted = Version.parseVersion(version == null ? "0" : version.trim());
                for (Bundle installed : context.getBundles()) {
                    if (symbolicName.equals(installed.getSymbolicName()) && wanted.equals(installed.getVersion())) {
                        return installed;
                    }
                }
            }
        }
        return context.installBundle(location);
    }

    private ServiceReference<?> awaitRegistration(UnitControl control, Bundle fresh) {
        long end = System.nanoTime() + deadlines.registration().toNanos();
        while (true) {
            Optional<ServiceReference<?>> registered = control.candidates().stream()
                    .filter(r -> r.getBundle() != null && r.getBundle().getBundleId() == fresh.getBundleId())
                    .findFirst();
            if (registered.isPresent()) {
                return registered.get();
            }
            failedActivation(fresh).ifPresent(failure -> {
                throw new CodedFailure(Reason.ACTIVATION_FAILED, "bundle " + fresh.getSymbolicName() + " "
                        + fresh.getVersion() + " started but its component failed to activate: " + failure, null);
            });
            if (System.nanoTime() - end > 0) {
                throw new CodedFailure(Reason.NOT_REGISTERED, "bundle " + fresh.getSymbolicName() + " "
                        + fresh.getVersion() + " started but registered no implementation of unit '" + control.unit()
                        + "' within " + deadlines.registration().toMillis()
                        + " ms; check that its component is satisfied"
                        + " (scr:info) and registers under the unit's interfaces with liveswap.unit="
                        + control.unit(), null);
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }

    /** The first activation failure SCR reports for a bundle's components, if SCR is there to ask. */
    private Optional<String> failedActivation(Bundle bundle) {
        ServiceComponentRuntime runtime = scr;
        if (runtime == null) {
            return Optional.empty();
        }
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    return Optional.of(description.name + ": " + rootCause(configuration.failure));
                }
            }
        }
        return Optional.empty();
    }

    /** The innermost cause in a stack trace as text ("Caused by: ..."), else its first line. */
    private static String rootCause(String failure) {
        if (failure == null) {
            return "no reason given";
        }
        String cause = failure.lines().findFirst().orElse("");
        for (String line : failure.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return cause;
    }

    private void retire(Bundle bundle, String what) {
        try {
            BundleRetirement.retire(context, bundle, deadlines.registration());
        } catch (BundleException | RuntimeException e) {
            LOG.error("Could not retire {} (bundle {} [{}]): {}", what, bundle.getSymbolicName(),
                    bundle.getBundleId(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SwapAbortedException refused(UnitControl control, Reason reason, String why, Throwable cause) {
        SwapReport report = new SwapReport();
        report.units = new String[] {control.unit()};
        report.fromVersions = new String[] {control.version().toString()};
        report.toVersions = new String[] {"?"};
        report.reason = reason;
        report.cause = "Update of unit '" + control.unit() + "' refused: " + why + ". Version " + control.version()
                + " keeps serving.";
        LOG.error(report.cause);
        return new SwapAbortedException(report, cause);
    }
}
