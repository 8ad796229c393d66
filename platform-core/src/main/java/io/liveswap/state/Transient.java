package io.liveswap.state;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of a unit's implementation (or of one of its own classes) that automatic state transfer must not
 * carry: a cache, a handle on something outside the unit, anything the new version's activation re-creates. The
 * new version keeps the value its constructor, initialisers and activation gave the field. Java's {@code transient}
 * modifier means the same. Threads, executors, locks, open resources ({@code AutoCloseable}), loggers, OSGi
 * framework objects and references to other services are recognised without it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Transient {
}
