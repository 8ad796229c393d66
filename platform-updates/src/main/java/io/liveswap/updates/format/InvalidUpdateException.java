package io.liveswap.updates.format;

import io.liveswap.api.Reason;

/** A file is not a usable update bundle. The message names the cause and the remedy; {@link #reason()} its code. */
public class InvalidUpdateException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public InvalidUpdateException(Reason reason, String message) {
        this(reason, message, null);
    }

    public InvalidUpdateException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return the code of the refusal */
    public Reason reason() {
        return reason;
    }
}
