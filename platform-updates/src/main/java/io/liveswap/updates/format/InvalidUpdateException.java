package io.liveswap.updates.format;

/** A file is not a usable update bundle. The message names the cause and the remedy. */
public class InvalidUpdateException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidUpdateException(String message) {
        super(message);
    }

    public InvalidUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
