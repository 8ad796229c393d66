package io.liveswap.interpose;

import org.osgi.dto.DTO;

/** One registered interceptor, as the platform applies it. */
public class InterceptorDTO extends DTO {

    /** Service id of the interceptor service. */
    public long serviceId;

    /** The unit it intercepts. */
    public String unit;

    /** Class name of the interceptor object. */
    public String className;

    /** Id of the bundle that registered it. */
    public long bundleId;

    /** The method names it applies to; empty for all. */
    public String[] methods;

    /** Whether calls go through it now (false once withdrawn with {@link Interposition#withdraw(long)}). */
    public boolean active;
}
