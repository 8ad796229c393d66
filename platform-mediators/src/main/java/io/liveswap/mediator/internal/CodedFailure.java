package io.liveswap.mediator.internal;

import io.liveswap.api.Reason;

/**
 * A failure inside the mediators that knows its {@link Reason}; the abort or refusal built from it carries that
 * code. An {@link IllegalArgumentException}, as {@code Mediator.swap} documents for the refusals that escape it
 * (a stranger, an interface change, a bad migration mode); the others are caught inside the swap.
 */
final class CodedFailure extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    CodedFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    /** @return the reason a failure carries, else {@code otherwise} */
    static Reason of(Throwable failure, Reason otherwise) {
        return failure instanceof CodedFailure coded ? coded.reason : otherwise;
    }
}
