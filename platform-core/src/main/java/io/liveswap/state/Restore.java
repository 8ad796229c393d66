package io.liveswap.state;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The inverse of a {@link Derive} hook, for a rollback: a static method of a class of the newer version that
 * computes a field of the older version's class from this class's fields (named by {@link From}). Without it a
 * rollback leaves a field the older version has and this one lacks at the older version's initial value, and
 * reports it.
 *
 * <pre>
 * &#64;Restore("location")
 * static String location(&#64;From("aisle") int aisle, &#64;From("shelf") int shelf) { return aisle + "/" + shelf; }
 * </pre>
 *
 * <p><b>Threading.</b> As {@link Derive}: the transfer thread, inside the rollback's pause.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Restore {

    /** @return the name of the field of the older version's class the method's result fills */
    String value();
}
