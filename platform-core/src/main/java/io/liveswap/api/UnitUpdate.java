package io.liveswap.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import aQute.bnd.annotation.headers.ProvideCapability;
import aQute.bnd.annotation.headers.RequireCapability;

/**
 * Declares the bundle an update bundle of a unit: it brings version {@link #version()} and applies only on top of
 * version {@link #replaces()}. Put it on the implementation class. bnd turns it into standard manifest metadata:
 *
 * <pre>
 * Provide-Capability: liveswap.unit;unit=notebook;version:Version="2.0.0";replaces="1.0.0"
 * Require-Capability: liveswap.unit;filter:="(&amp;(unit=notebook)(version=1.0.0))";effective:=liveswap
 * </pre>
 * (bnd also copies the annotation's elements onto the requirement as attributes; they mean nothing there.)
 *
 * The requirement is effective {@code liveswap}, so the framework's resolver ignores it (the replaced version is
 * uninstalled once the update commits); the platform reads it to apply updates in their one valid order. A unit's
 * first version needs no such annotation: it is installed as a plain bundle, its version being its bundle version.
 */
@SuppressWarnings("deprecation") // bnd's own annotations: the standard ones cannot put element values into a filter
@ProvideCapability(ns = UnitConstants.NAMESPACE)
@RequireCapability(ns = UnitConstants.NAMESPACE, filter = "(&(unit=${unit})(version=${replaces}))",
        effective = UnitConstants.EXTENDER)
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface UnitUpdate {

    /** @return the unit name */
    String unit();

    /** @return the version this bundle brings, in OSGi version syntax */
    String version();

    /** @return the version it applies on top of, in OSGi version syntax */
    String replaces();
}
