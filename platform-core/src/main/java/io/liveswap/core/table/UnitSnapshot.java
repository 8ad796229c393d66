package io.liveswap.core.table;

import java.util.Collection;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

import io.liveswap.api.UnitDTO;
import io.liveswap.core.factory.InstanceTable;
import io.liveswap.core.proxy.UnitProxy;

/** Makes a unit's {@link UnitDTO} from its row. Called with the row locked, so the DTO is one moment's. */
final class UnitSnapshot {

    private UnitSnapshot() {
    }

    /**
     * @param entry the unit's row, locked by the caller
     * @param candidates the registered implementations other than the current one
     */
    static UnitDTO of(UnitEntry entry, Collection<Implementation> candidates, long stateValues) {
        UnitProxy proxy = entry.proxy();
        Faces faces = entry.faces();
        Implementation current = entry.current();
        Implementation last = entry.last();
        UnitDTO dto = new UnitDTO();
        dto.name = entry.name();
        dto.version = last == null ? null : last.version().toString();
        dto.interfaces = proxy == null ? new String[0] : Faces.names(proxy.interfaces()).toArray(String[]::new);
        dto.available = current != null;
        dto.quiescence = proxy == null ? null : proxy.mode().label();
        Bundle bundle = current == null ? null : current.reference().getBundle();
        dto.implementationBundleId = bundle == null ? -1 : bundle.getBundleId();
        dto.implementationBundle = bundle == null ? null : bundle.getSymbolicName();
        dto.implementationClass = current == null ? null : current.service().getClass().getName();
        ServiceRegistration<?> first = faces == null ? null : faces.first().registration;
        dto.proxyServiceId = first == null ? -1 : (Long) first.getReference().getProperty(Constants.SERVICE_ID);
        dto.faces = faces == null ? 0 : faces.size();
        dto.calls = proxy == null ? -1 : proxy.gate().calls();
        dto.stateValues = stateValues;
        InstanceTable table = entry.instances();
        if (table != null) {
            dto.instances = table.count();
            dto.instancesByVersion = table.countByVersion();
            dto.instancesFailed = table.failedToMigrate();
        }
        dto.candidates = candidates.stream().map(i -> i.version().toString()).toArray(String[]::new);
        entry.control().swapTimes().fill(dto);
        entry.fillCounts(dto);
        return dto;
    }
}
