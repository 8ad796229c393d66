package io.liveswap.updates.probation;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.UnitDTO;

/**
 * The platform's own health check per unit, so that existing health tooling (the Felix Health Checks executor,
 * servlet, Gogo command or web console) sees units: {@code CRITICAL} while a unit has no implementation serving it,
 * else {@code OK} with its version, calls, exceptions and probation. Each is registered as an
 * {@link HealthCheck} service named {@code Liveswap unit <name>} with the tag {@value #TAG}, which probation never
 * reads: a unit's probation watches other checks, never its own status.
 *
 * <p><b>Threading.</b> {@link #reconcile()} runs on the probation timer only; {@link #close()} after the timer
 * stopped. A check's {@code execute()} runs on the health check executor's threads and only reads DTOs.
 */
public final class UnitHealthChecks {

    /** The tag of the platform's per-unit checks. */
    public static final String TAG = "liveswap.status";

    private static final Logger LOG = LoggerFactory.getLogger(UnitHealthChecks.class);

    private final BundleContext context;
    private final Supplier<Set<String>> unitNames;
    private final Function<String, Optional<UnitDTO>> units;
    private final Function<String, Optional<Probation>> probations;
    private final Map<String, ServiceRegistration<HealthCheck>> registered = new HashMap<>();

    public UnitHealthChecks(BundleContext context, Supplier<Set<String>> unitNames,
            Function<String, Optional<UnitDTO>> units, Function<String, Optional<Probation>> probations) {
        this.context = context;
        this.unitNames = unitNames;
        this.units = units;
        this.probations = probations;
    }

    /** Registers a check for every unit the table has, and unregisters those of units it no longer has. */
    void reconcile() {
        Set<String> names = unitNames.get();
        for (String name : names) {
            registered.computeIfAbsent(name, this::register);
        }
        for (String gone : registered.keySet().stream().filter(n -> !names.contains(n)).collect(Collectors.toList())) {
            unregister(registered.remove(gone));
        }
    }

    private ServiceRegistration<HealthCheck> register(String unit) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(HealthCheck.NAME, "Liveswap unit " + unit);
        properties.put(HealthCheck.TAGS, new String[] {TAG});
        return context.registerService(HealthCheck.class, () -> check(unit), properties);
    }

    private Result check(String unit) {
        Optional<UnitDTO> found = units.apply(unit);
        if (found.isEmpty()) {
            return new Result(Result.Status.CRITICAL, "unit '" + unit + "' is no longer in the translation table");
        }
        UnitDTO dto = found.get();
        if (!dto.available) {
            return new Result(Result.Status.CRITICAL, "unit '" + unit + "' has no implementation serving it (last"
                    + " version " + dto.version + "); calls fail with UnitUnavailableException");
        }
        String probation = probations.apply(unit).map(p -> ", on probation until "
                + new SimpleDateFormat("HH:mm:ss").format(new Date(p.until())) + " (reverts to " + p.from()
                + " if it fails)").orElse("");
        return new Result(Result.Status.OK, "unit '" + unit + "' serves version " + dto.version + " (calls "
                + dto.versionCalls + ", exceptions " + dto.versionThrown + " since it became current)" + probation);
    }

    void close() {
        registered.values().forEach(UnitHealthChecks::unregister);
        registered.clear();
    }

    private static void unregister(ServiceRegistration<HealthCheck> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            LOG.debug("health check already unregistered", alreadyGone);
        }
    }
}
