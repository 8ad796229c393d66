package io.liveswap.core.table;

import java.util.List;
import java.util.Set;

import io.liveswap.core.factory.InstanceTable;
import io.liveswap.core.proxy.UnitProxy;
import io.liveswap.factory.InstanceFactory;

/** Whether a newly registered implementation may join a unit that already has a proxy. */
final class Admission {

    private Admission() {
    }

    /**
     * @param impl the new implementation
     * @param proxy the unit's (first face's) proxy
     * @param instances the unit's instance table, {@code null} for a unit of one instance
     * @return why the implementation is refused, or {@code null} if it may join
     */
    static String refusal(Implementation impl, UnitProxy proxy, InstanceTable instances) {
        if (instances != null && (!(impl.service() instanceof InstanceFactory factory)
                || !factory.instanceTypes().equals(instances.types()))) {
            return "the unit's instances implement " + names(instances.types()) + ", and every version's factory"
                    + " must list exactly these instance types, wired to the same API bundle";
        }
        if (!Set.copyOf(names(impl.interfaces())).equals(Set.copyOf(names(proxy.interfaces())))) {
            return "it is registered under " + names(impl.interfaces()) + " but the unit's proxy serves "
                    + names(proxy.interfaces()) + "; register it under exactly the unit's interfaces, wired to the"
                    + " same API bundle";
        }
        return null;
    }

    private static List<String> names(List<Class<?>> interfaces) {
        return interfaces.stream().map(Class::getName).toList();
    }
}
