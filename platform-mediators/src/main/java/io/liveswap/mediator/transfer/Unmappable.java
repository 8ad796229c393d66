package io.liveswap.mediator.transfer;

/** A field or value automatic state transfer cannot carry safely; the message names it and the fix. */
public final class Unmappable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Unmappable(String message) {
        super(message, null, false, false);
    }

    static Unmappable field(java.lang.reflect.Field field, String why, String fix) {
        return new Unmappable("field " + field.getDeclaringClass().getName() + "." + field.getName() + " " + why
                + "; " + fix);
    }
}
