package io.liveswap.core.table;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.Reason;
import io.liveswap.core.adapter.Adapter;
import io.liveswap.core.proxy.UnitProxy;
import io.liveswap.core.quiescence.Gate;
import io.liveswap.spi.IncompatibleInterfaceException;

/**
 * The faces of one unit, the first one first: which face targets what when a version serves, adapters for faces of
 * other copies of the interfaces, and the faces' service registrations. Changes are serialised by the owning
 * {@link UnitEntry}; the gate operations and {@link #all()} may be used by any thread.
 */
final class Faces {

    private static final Logger LOG = LoggerFactory.getLogger(Faces.class);

    private final String unit;
    private final List<Face> faces = new CopyOnWriteArrayList<>();

    Faces(String unit, UnitProxy first) {
        this.unit = unit;
        faces.add(new Face(first));
    }

    Face first() {
        return faces.get(0);
    }

    List<Face> all() {
        return faces;
    }

    boolean anyServes(List<Class<?>> interfaces) {
        return faces.stream().anyMatch(face -> face.serves(interfaces));
    }

    /**
     * Refuses, before anything changes, an implementation that cannot serve the consumers of one of the faces
     * (see {@link #targets}). Generates the adapter classes it will need, so that the re-point inside a swap's
     * pause finds them made.
     *
     * @throws IncompatibleInterfaceException naming the methods, the consumers and the fix
     */
    void check(Implementation impl) {
        for (Face face : faces) {
            if (!face.serves(impl.interfaces())) {
                Adapter.Plan plan = servable(face, impl, true);
                if (plan.possible()) {
                    face.adapter(plan);
                    if (!plan.stubs().isEmpty()) {
                        LOG.info("Unit '{}': {} lacks {} of {}; no consumer of that face calls them, so it is served"
                                + " with stubs that throw UnsupportedOperationException", unit, impl.describe(),
                                plan.stubs().keySet().stream().map(Faces::describe).toList(),
                                names(face.interfaces()));
                    }
                    continue;
                }
                List<String> consumers = face.consumers();
                if (!consumers.isEmpty()) {
                    throw refusal(impl, face, plan, consumers);
                }
            }
        }
    }

    /**
     * What each face targets when {@code impl} serves through {@code target} (the implementation, or a factory
     * front): {@code target} itself for faces of the same interfaces, an adapter for the others, {@code null} for a
     * face that cannot be served and has no consumer (it is withdrawn). {@code effective} puts interceptors in front.
     *
     * @throws IncompatibleInterfaceException naming the methods, the consumers and the fix, if a face that cannot
     *         be served still has consumers: {@link Reason#INTERFACE_REMOVED} if methods are missing or changed
     *         and a consumer calls them (see {@link #servable}),
     *         {@link Reason#UNDECLARED_EXCEPTION} if they would receive a checked exception they do not declare
     */
    Map<Face, Object> targets(Implementation impl, Object target, BiFunction<Face, Object, Object> effective) {
        Map<Face, Object> targets = new LinkedHashMap<>();
        for (Face face : faces) {
            if (face.serves(impl.interfaces())) {
                targets.put(face, effective.apply(face, target));
                continue;
            }
            Adapter.Plan plan = servable(face, impl, false);
            if (plan.possible()) {
                targets.put(face, effective.apply(face, face.adapter(plan).apply(target)));
                continue;
            }
            List<String> consumers = face.consumers();
            if (!consumers.isEmpty()) {
                throw refusal(impl, face, plan, consumers);
            }
            targets.put(face, null);
        }
        return targets;
    }

    private static Adapter.Plan plan(Face face, Implementation impl) {
        Object service = impl.service();
        return Adapter.plan(face.interfaces(), impl.interfaces(), service == null ? null : service.getClass());
    }

    /**
     * The plan serving {@code face} with {@code impl}. <b>Removal rule:</b> methods the new version lacks (removed,
     * or changed in a way the face's consumers cannot take) are looked for in the bytecode of the bundles holding
     * the face's service ({@link MethodUse}); if none of them calls one, the face is served anyway, each such
     * method by a stub throwing {@link UnsupportedOperationException} that names the unit, the method and the new
     * version (a consumer that arrives later, or calls it by reflection, reaches the stub). If one does, or the
     * face has no consumer (it is withdrawn instead), the plan stays impossible. The scan runs in {@link #check}
     * ({@code fresh}), before the pause; {@link #targets} inside the pause finds its answer kept on the face (see
     * {@link Face#callsOfMissing}).
     */
    private Adapter.Plan servable(Face face, Implementation impl, boolean fresh) {
        Adapter.Plan plan = plan(face, impl);
        if (plan.possible() || !plan.undeclared().isEmpty() || face.using().isEmpty()
                || !face.callsOfMissing(plan, fresh).isEmpty()) {
            return plan;
        }
        return plan.stubbing(m -> "Unit '" + unit + "': " + describe(m) + " was removed by " + impl.describe()
                + "; no consumer called it when that version was applied");
    }

    private static String describe(Method m) {
        return m.getDeclaringClass().getName() + "." + m.getName() + Arrays.stream(m.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    private static IncompatibleInterfaceException refusal(Implementation impl, Face face, Adapter.Plan plan,
            List<String> consumers) {
        List<String> calls = plan.missing().isEmpty() ? List.of() : face.callsOfMissing(plan, false);
        if (!calls.isEmpty() || plan.undeclared().isEmpty()) {
            return new IncompatibleInterfaceException(Reason.INTERFACE_REMOVED, impl.describe() + " cannot serve"
                    + " the consumers wired to another copy of " + names(face.interfaces()) + " (" + String.join(
                            ", ", consumers) + "): it lacks " + String.join(", ", plan.missing())
                    + (calls.isEmpty() ? "" : ", which they call: " + String.join("; ", calls)) + ". Update or stop those consumers first, or keep these"
                    + " methods (deprecated) in the new version");
        }
        return new IncompatibleInterfaceException(Reason.UNDECLARED_EXCEPTION, impl.describe() + " cannot serve"
                + " the consumers wired to another copy of " + names(face.interfaces()) + " (" + String.join(", ",
                        consumers) + "): they could receive a checked exception their interface does not declare. "
                + String.join("; ", plan.undeclared()) + "; or update or stop those consumers first");
    }

    /**
     * Points every face as {@link #targets} planned, and adds a face for {@code impl}'s interfaces if none serves
     * them (it is registered by {@link #publish}, after the pause).
     */
    void point(Implementation impl, Object target, Map<Face, Object> targets,
            BiFunction<Face, Object, Object> effective) {
        targets.forEach((face, faceTarget) -> {
            if (faceTarget == null) {
                face.retiring = true;
                face.proxy.retargetUnavailable(null);
                LOG.info("Unit '{}': no bundle uses its face for another copy of {}, which {} cannot serve; the"
                        + " face is withdrawn", unit, names(face.interfaces()), impl.describe());
            } else {
                face.retiring = false;
                face.proxy.retarget(faceTarget);
            }
        });
        if (!anyServes(impl.interfaces())) {
            Face added = new Face(UnitProxy.create(unit, impl.interfaces(), first().proxy.mode()));
            added.proxy.retarget(effective.apply(added, target));
            faces.add(added);
        }
    }

    /**
     * Every face fails fast until the next re-point.
     *
     * @param why the message calls get, or {@code null} for the usual one (no implementation registered)
     */
    void unavailable(String why) {
        faces.forEach(face -> face.proxy.retargetUnavailable(why));
    }

    /** Registers new faces, updates the properties of the others, unregisters withdrawn ones. */
    void publish(BundleContext context, Dictionary<String, Object> properties) {
        for (Face face : faces) {
            if (face.retiring) {
                unregister(face);
                if (face != first()) { // the first face stays: it holds the unit's mode and call count
                    faces.remove(face);
                }
            } else if (face.registration == null) {
                face.registration = context.registerService(names(face.interfaces()).toArray(String[]::new),
                        face.proxy.proxy(), properties);
            } else {
                face.registration.setProperties(properties);
            }
        }
    }

    void unregisterAll() {
        faces.forEach(Faces::unregister);
    }

    private static void unregister(Face face) {
        if (face.registration != null) {
            try {
                face.registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping and unregistered it first
            }
            face.registration = null;
        }
    }

    /** Closes every face's gate; {@code group} holds the gates of every unit of the swap. */
    void close(List<Gate> group, long deadline) {
        faces.forEach(face -> face.proxy.gate().close(group, deadline));
    }

    void gates(List<Gate> into) {
        faces.forEach(face -> into.add(face.proxy.gate()));
    }

    void awaitQuiescence(long deadline) throws io.liveswap.spi.QuiescenceTimeoutException, InterruptedException {
        for (Face face : faces) {
            face.proxy.gate().awaitQuiescence(deadline);
        }
    }

    void open() {
        faces.forEach(face -> face.proxy.gate().open());
    }

    int size() {
        return faces.size();
    }

    /** @return calls through every face so far, or -1 if a face's mode counts none */
    long calls() {
        return sum(Gate::calls);
    }

    /** @return exceptions thrown through every face so far, or -1 if a face's mode counts none */
    long thrown() {
        return sum(Gate::thrown);
    }

    private long sum(java.util.function.ToLongFunction<Gate> count) {
        long sum = 0;
        for (Face face : faces) {
            long one = count.applyAsLong(face.proxy.gate());
            if (one < 0) {
                return -1;
            }
            sum += one;
        }
        return sum;
    }

    static List<String> names(List<Class<?>> interfaces) {
        return interfaces.stream().map(Class::getName).toList();
    }
}
