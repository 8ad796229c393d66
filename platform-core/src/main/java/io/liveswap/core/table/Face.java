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
     * Where this face's consumers call the methods {@code plan} lacks, scanned once per plan ({@link MethodUse}):
     * the check before an update's pause scans, the re-point inside it finds the answer made. Called by the owning
     * unit with its lock held.
     */
    List<String> callsOfMissing(Adapter.Plan plan) {
        if (!plan.equals(scannedPlan)) {
            scannedCalls = MethodUse.callSites(using(), plan.lacking());
            scannedPlan = plan;
        }
        return scannedCalls;
    }
}
