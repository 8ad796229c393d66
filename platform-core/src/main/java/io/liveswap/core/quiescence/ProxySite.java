package io.liveswap.core.quiescence;

import java.lang.invoke.MethodHandle;

/** What a {@link StackScanGate} needs of the unit's proxy: to divert its call site and to know its target. */
public interface ProxySite {

    /** Diverts every call to {@code blocker} (type {@code ()Object}) until {@link #restore()}. */
    void divert(MethodHandle blocker);

    /** Points the call site back at the current target (or at the unavailable handler). */
    void restore();

    /** @return the current target, or {@code null} if the unit is unavailable */
    Object target();

    /** @return the binary name of the generated proxy class, as it appears in stack frames */
    String proxyClassName();
}
