package io.liveswap.core.table;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

import io.liveswap.core.adapter.Adapter;
import io.liveswap.core.adapter.MethodUse;
import io.liveswap.core.proxy.UnitProxy;

/**
 * One face of a unit: a proxy for one copy of the unit's interfaces and its service registration. A unit has one
 * face until a version implements a newer copy of its interfaces; consumers wired to each copy keep their face.
 */
final class Face {

    final UnitProxy proxy;
    ServiceRegistration<?> registration;
    boolean retiring; // no consumer and no way to serve it: unregistered at the next publish

    private Adapter.Plan adapterPlan; // the plan of the last adapter class generated for this face
    private UnaryOperator<Object> adapterMaker; // its constructor
    private Adapter.Plan scannedPlan; // the last plan whose missing methods were looked for in the consumers
    private List<String> scannedConsumers; // the bundles scanned for it, as id@lastModified
    private List<String> scannedCalls; // their call sites

    Face(UnitProxy proxy) {
        this.proxy = proxy;
    }

    /**
     * Makes adapters of this face as {@code plan} maps it, generating their classes only when the plan differs from
     * the last one (a re-point for an interceptor change, or to the same interfaces, reuses them). Called by the
     * owning unit with its lock held.
     */
    UnaryOperator<Object> adapter(Adapter.Plan plan) {
        if (!plan.equals(adapterPlan)) {
            adapterMaker = Adapter.maker(interfaces(), plan);
            adapterPlan = plan;
        }
        return adapterMaker;
    }

    List<Class<?>> interfaces() {
        return proxy.interfaces();
    }

    /** Whether an implementation registered under {@code interfaces} serves this face without an adapter. */
    boolean serves(List<Class<?>> interfaces) {
        return proxy.interfaces().size() == interfaces.size() && proxy.interfaces().containsAll(interfaces);
    }

    /** The bundles that hold this face's service now, as "name [id]". */
    List<String> consumers() {
        List<String> out = new ArrayList<>();
        for (Bundle bundle : using()) {
            out.add(bundle.getSymbolicName() + " [" + bundle.getBundleId() + "]");
        }
        return out;
    }

    /** The bundles that hold this face's service now. */
    List<Bundle> using() {
        ServiceRegistration<?> current = registration;
        if (current != null) {
            try {
                Bundle[] using = current.getReference().getUsingBundles();
                if (using != null) {
                    return List.of(using);
                }
            } catch (IllegalStateException unregistered) {
                // no consumers any more
            }
        }
        return List.of();
    }

    /**
     * Where this face's consumers call the methods {@code plan} lacks ({@link MethodUse}). Called by the owning unit
     * with its lock held.
     *
     * <p><b>Protocol.</b> The answer is kept per plan and consumer set (bundle ids and modification times).
     * {@code fresh} (the check before an update's pause) scans again if either changed since; otherwise (the
     * re-point inside the pause) the kept answer for the same plan is used even if a consumer came or went in
     * between, so that no bundle is read inside the pause; a consumer that bound meanwhile and calls the method
     * meets the stub. Only a re-point with no check before it for this plan (a first registration) scans there.
     */
    List<String> callsOfMissing(Adapter.Plan plan, boolean fresh) {
        List<Bundle> using = using();
        List<String> consumerKey = using.stream().map(b -> b.getBundleId() + "@" + b.getLastModified()).toList();
        if (!plan.equals(scannedPlan) || (fresh && !consumerKey.equals(scannedConsumers))) {
            scannedCalls = MethodUse.callSites(using, plan.lacking());
            scannedPlan = plan;
            scannedConsumers = consumerKey;
        }
        return scannedCalls;
    }
}
