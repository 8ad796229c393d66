package io.liveswap.core.table;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

import io.liveswap.api.UnitConstants;

/** One registered implementation service of a unit, with its service object held by the platform bundle. */
record Implementation(ServiceReference<?> reference, Object service, Version version, List<Class<?>> interfaces) {

    private static final Set<String> NOT_COPIED = Set.of(Constants.SERVICE_ID, Constants.SERVICE_PID,
            Constants.SERVICE_BUNDLEID, Constants.SERVICE_SCOPE, Constants.OBJECTCLASS, "component.name",
            "component.id");

    /**
     * Gets the service and loads its interfaces as the implementation bundle sees them.
     *
     * @throws IllegalArgumentException naming the cause when the service cannot be used
     */
    static Implementation load(BundleContext context, ServiceReference<?> reference) {
        Bundle bundle = reference.getBundle();
        if (bundle == null) {
            throw new IllegalArgumentException("the service was unregistered");
        }
        List<Class<?>> interfaces = new ArrayList<>();
        for (String name : (String[]) reference.getProperty(Constants.OBJECTCLASS)) {
            try {
                interfaces.add(bundle.loadClass(name));
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("bundle " + bundle.getSymbolicName() + " cannot load its own"
                        + " service interface " + name + "; import the interface's package", e);
            }
        }
        Object service = context.getService(reference);
        if (service == null) {
            throw new IllegalArgumentException("bundle " + bundle.getSymbolicName()
                    + " could not produce the service object (did its component fail to activate? see its log)");
        }
        return new Implementation(reference, service, versionOf(reference), List.copyOf(interfaces));
    }

    static Version versionOf(ServiceReference<?> reference) {
        Object declared = reference.getProperty(UnitConstants.VERSION);
        if (declared != null) {
            return Version.parseVersion(declared.toString());
        }
        Bundle bundle = reference.getBundle();
        return bundle == null ? Version.emptyVersion : bundle.getVersion();
    }

    String describe() {
        Bundle bundle = reference.getBundle();
        return "version " + version + " (" + service.getClass().getName() + " from bundle "
                + (bundle == null ? "?" : bundle.getSymbolicName() + " [" + bundle.getBundleId() + "]") + ")";
    }

    /** The service properties of the unit's proxy while this implementation serves (or served last). */
    Dictionary<String, Object> proxyProperties(String unit) {
        Hashtable<String, Object> properties = new Hashtable<>();
        for (String key : reference.getPropertyKeys()) {
            if (!NOT_COPIED.contains(key)) {
                properties.put(key, reference.getProperty(key));
            }
        }
        properties.put(UnitConstants.UNIT, unit);
        properties.put(UnitConstants.VERSION, version.toString());
        properties.put(UnitConstants.PROXY, Boolean.TRUE);
        return properties;
    }
}
