package io.liveswap.spi;

import org.osgi.framework.ServiceReference;

import io.liveswap.api.Reason;

/**
 * A registered implementation cannot serve the consumers of an older face of its unit (an interface change they
 * cannot take): thrown by {@link UnitControl#implementation(ServiceReference)} before anything changes. The
 * {@link #reason()} says which rule it breaks ({@link Reason#INTERFACE_REMOVED}, {@link Reason#UNDECLARED_EXCEPTION});
 * the message names the methods, the consumers and the fix.
 */
public class IncompatibleInterfaceException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    /**
     * @param reason the refusal's code
     * @param message what is incompatible, for whom, and the fix
     */
    public IncompatibleInterfaceException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return the refusal's code */
    public Reason reason() {
        return reason;
    }
}
