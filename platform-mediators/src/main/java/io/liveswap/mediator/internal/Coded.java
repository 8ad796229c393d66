package io.liveswap.mediator.internal;

import io.liveswap.api.Reason;

/**
 * A failure inside the mediators that knows its {@link Reason}; the abort or refusal built from it carries that
 * code. The two kinds keep the exception types the callers and the API documentation expect.
 */
interface Coded {

    Reason reason();

    /** @return the reason a failure carries, else {@code otherwise} */
    static Reason of(Throwable failure, Reason otherwise) {
        return failure instanceof Coded coded ? coded.reason() : otherwise;
    }

    /** A coded {@link IllegalStateException}. */
    final class State extends IllegalStateException implements Coded {

        private static final long serialVersionUID = 1L;
        private final Reason reason;

        State(Reason reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        @Override
        public Reason reason() {
            return reason;
        }
    }

    /** A coded {@link IllegalArgumentException}. */
    final class Argument extends IllegalArgumentException implements Coded {

        private static final long serialVersionUID = 1L;
        private final Reason reason;

        Argument(Reason reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        @Override
        public Reason reason() {
            return reason;
        }
    }
}
