package io.liveswap.spi;

import org.osgi.annotation.versioning.ProviderType;

/** Service of the platform core: the control of each unit. */
@ProviderType
public interface UnitControls {

    /**
     * @param unit a unit name
     * @return its control
     * @throws IllegalArgumentException if no such unit exists, listing the known ones
     */
    UnitControl control(String unit);
}
