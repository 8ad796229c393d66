package io.liveswap.interpose;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The platform's view of interceptors: which are in front of which unit, and taking one out. Thread safe. */
@ProviderType
public interface Interposition {

    /** @return every registered interceptor, by unit, in the order calls go through them */
    List<InterceptorDTO> interceptors();

    /**
     * Takes an interceptor out of the call path until its service registers again; with none left the unit's
     * proxy points at the implementation directly again.
     *
     * @param serviceId the interceptor's service id, as listed
     * @throws IllegalArgumentException if no registered interceptor has that id
     */
    void withdraw(long serviceId);
}
