package io.liveswap.core.quiescence;

/** What a {@link StackScanGate} needs of the unit's proxy: its target and the name of its class. */
public interface ProxySite {

    /** @return the current target, or {@code null} if the unit is unavailable */
    Object target();

    /** @return the binary name of the generated proxy class, as it appears in stack frames */
    String proxyClassName();
}
