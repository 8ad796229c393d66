package io.liveswap.core.quiescence;

import java.util.EnumMap;
import java.util.Map;

import io.liveswap.spi.QuiescenceMode;

/** The registry of quiescence modes: one {@link CallPath} per {@link QuiescenceMode}. */
public final class CallPaths {

    private static final Map<QuiescenceMode, CallPath> PATHS = new EnumMap<>(QuiescenceMode.class);

    static {
        register(new CountingCallPath());
        register(new StackScanCallPath());
    }

    private CallPaths() {
    }

    private static void register(CallPath path) {
        PATHS.put(path.mode(), path);
    }

    /**
     * @param mode a quiescence mode
     * @return its call path
     * @throws IllegalArgumentException if no call path implements the mode
     */
    public static CallPath of(QuiescenceMode mode) {
        CallPath path = PATHS.get(mode);
        if (path == null) {
            throw new IllegalArgumentException("Quiescence mode " + mode.label() + " has no call path");
        }
        return path;
    }
}
