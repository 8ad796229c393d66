package io.liveswap.mediator.transfer;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;

/**
 * What a class is to automatic state transfer: an immutable JDK value (shared), a container (copied), something
 * that must not cross (a resource, a handle, behaviour), or none of these.
 */
final class Kinds {

    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class, Character.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class,
            java.util.UUID.class, java.net.URI.class, java.util.Locale.class, java.util.Currency.class,
            java.util.regex.Pattern.class, java.util.OptionalInt.class, java.util.OptionalLong.class,
            java.util.OptionalDouble.class, Class.class);

    /** Types whose objects are handles on something outside the state: never copied. */
    private static final Class<?>[] RESOURCES = {Thread.class, ThreadGroup.class, java.util.concurrent.Executor.class,
        java.util.concurrent.locks.Lock.class, java.util.concurrent.locks.ReadWriteLock.class,
        java.util.concurrent.locks.Condition.class, java.util.concurrent.locks.StampedLock.class,
        java.util.concurrent.Semaphore.class, java.util.concurrent.CountDownLatch.class,
        java.util.concurrent.CyclicBarrier.class, java.util.concurrent.Phaser.class, java.util.concurrent.Future.class,
        AutoCloseable.class, ThreadLocal.class, java.lang.ref.Reference.class, ClassLoader.class, java.util.Timer.class,
        java.util.TimerTask.class, java.util.logging.Logger.class,
        System.Logger.class, java.util.Random.class};

    /** Packages of the framework, logging and the platform: their objects belong to the running version's wiring. */
    private static final String[] HANDLE_PACKAGES = {"org.osgi.", "org.apache.felix.", "org.slf4j.", "ch.qos.logback.",
        "io.liveswap.", "liveswap.proxy.", "org.eclipse.osgi.", "org.apache.logging."};

    private Kinds() {
    }

    static boolean immutable(Class<?> type) {
        return IMMUTABLE.contains(type) || type.isPrimitive() || type.getName().startsWith("java.time.")
                && type.getClassLoader() == null && Modifier.isFinal(type.getModifiers())
                || type.isEnum() && jdk(type);
    }

    /** A class of the JDK (boot or platform class loader). */
    static boolean jdk(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    /** Objects that must not cross between versions: resources, handles, behaviour (lambdas), monitors. */
    static boolean notState(Class<?> type) {
        if (type == Object.class || lambda(type)) {
            return true; // a plain Object is a monitor; a lambda is code of the old version
        }
        for (Class<?> resource : RESOURCES) {
            if (resource.isAssignableFrom(type)) {
                return true;
            }
        }
        String name = type.getName();
        for (String prefix : HANDLE_PACKAGES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A declared field type whose values are never state. Unlike {@link #notState}, {@code Object} is not among them:
     * a field declared {@code Object} may hold data; the value decides (a plain {@code Object} is a monitor).
     */
    static boolean notStateType(Class<?> declared) {
        return declared != Object.class && notState(declared);
    }

    static boolean lambda(Class<?> type) {
        return type.isSynthetic() || type.isHidden() || type.getName().contains("$$Lambda");
    }

    /** A field automatic transfer looks at: instance, not {@code transient}, not {@code @Transient}. */
    static boolean carried(Field field) {
        int modifiers = field.getModifiers();
        return !Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()
                && !field.isAnnotationPresent(io.liveswap.state.Transient.class);
    }

    static boolean container(Class<?> type) {
        return type.isArray() || java.util.Collection.class.isAssignableFrom(type)
                || java.util.Map.class.isAssignableFrom(type)
                || java.util.concurrent.atomic.AtomicLong.class == type
                || java.util.concurrent.atomic.AtomicInteger.class == type
                || java.util.concurrent.atomic.AtomicBoolean.class == type
                || java.util.concurrent.atomic.AtomicReference.class == type
                || java.util.concurrent.atomic.LongAdder.class == type || java.util.Optional.class == type;
    }
}
