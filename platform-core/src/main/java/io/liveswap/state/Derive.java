package io.liveswap.state;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A hook for automatic state transfer upwards: a static method of a class of the new version that computes one of
 * that class's fields from fields of the object of the older version it is carried from. Its parameters name those
 * fields with {@link From}; the platform converts each old value as for a field of the parameter's type (widening,
 * the unit's own classes re-created). The result is stored in field {@link #value()}, instead of a field of that
 * name in the old object.
 *
 * <pre>
 * &#64;Derive("aisle")
 * static int aisle(&#64;From("location") String location) { return Integer.parseInt(location.split("/")[0]); }
 * </pre>
 *
 * <p><b>Threading.</b> Called on the mediator's transfer thread, inside the update's pause, before the new
 * version serves; it must not call the unit. An exception aborts the update ({@code IMPORT_FAILED}); the old version
 * keeps serving. See {@link Restore} for the way down.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Derive {

    /** @return the name of the field of this class the method's result fills */
    String value();
}
