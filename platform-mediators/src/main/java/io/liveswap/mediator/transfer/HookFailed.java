package io.liveswap.mediator.transfer;

/** A {@code @Derive} or {@code @Restore} hook threw; the cause is its exception. */
public final class HookFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    HookFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
