package io.liveswap.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Requirement;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Declares a DS component as an implementation of an updatable unit: the component's service is registered with
 * the service property {@value UnitConstants#UNIT} set to {@link #value()}.
 *
 * <pre>
 * &#64;Component
 * &#64;Unit("greeter")
 * public class HelloGreeter implements Greeter { ... }
 * </pre>
 *
 * <p>Processed at build time by bnd, which also makes the bundle require the platform (the {@code liveswap}
 * extender), so resolvers and start-level ordering put the platform first. It adds nothing at runtime.
 */
@ComponentPropertyType
@Requirement(namespace = "osgi.extender", name = UnitConstants.EXTENDER, version = "1.0.0")
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Unit {

    /** Prefix that makes the component property {@code liveswap.unit}. */
    String PREFIX_ = "liveswap.";

    /**
     * @return the unit name: stable across all versions of the unit, unique in the framework
     */
    String value();
}
