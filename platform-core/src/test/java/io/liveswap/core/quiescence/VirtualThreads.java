package io.liveswap.core.quiescence;

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads for tests compiled for Java 17: {@code Thread.ofVirtual().factory()} found by reflection. Tests that
 * need them skip themselves below Java 21 ({@link #available()}).
 */
final class VirtualThreads {

    private VirtualThreads() {
    }

    static boolean available() {
        return Runtime.version().feature() >= 21;
    }

    /** A factory of unstarted virtual threads. */
    static ThreadFactory factory() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Method factory = Class.forName("java.lang.Thread$Builder").getMethod("factory");
            return (ThreadFactory) factory.invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need Java 21+, this is " + Runtime.version(), e);
        }
    }

    static boolean isVirtual(Thread thread) {
        try {
            return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
