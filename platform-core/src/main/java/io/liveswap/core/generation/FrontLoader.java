package io.liveswap.core.generation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Defines generated front classes (adapters, interposers) beside a unit's proxy. Resolves the platform's own
 * packages ({@code io.liveswap.core.*}, {@code io.liveswap.interpose}) from the platform bundle, classes handed to
 * {@link #see} by name, and every other name from the given interfaces' loaders, in order (never from an
 * implementation bundle, unless an implementation's interfaces are the ones given). One loader per generated class
 * family: when the front is dropped, its classes can be unloaded with it.
 */
public final class FrontLoader extends ClassLoader {

    private static final ClassLoader PLATFORM = FrontLoader.class.getClassLoader();

    private final List<ClassLoader> interfaceLoaders;
    private final Map<String, Class<?>> seen = new ConcurrentHashMap<>();
    private final Object attachment;

    /**
     * @param name a name for diagnostics (shows in class loader names)
     * @param interfaces the interfaces whose loaders resolve the generated code's other names, first first
     * @param attachment what the generated code's cold paths look up through {@link #attachment(Class)}, or null
     */
    public FrontLoader(String name, List<Class<?>> interfaces, Object attachment) {
        super(name, null);
        this.attachment = attachment;
        this.interfaceLoaders = interfaces.stream().map(Class::getClassLoader).filter(Objects::nonNull).distinct()
                .toList();
    }

    /** Makes {@code type} (e.g. a class another front loader defined) resolvable by its name from this loader. */
    public void see(Class<?> type) {
        seen.put(type.getName(), type);
    }

    /** @return the attachment of the loader that defined {@code generated} */
    public static Object attachment(Class<?> generated) {
        return ((FrontLoader) generated.getClassLoader()).attachment;
    }

    /** Defines one generated class. */
    public Class<?> define(String binaryName, byte[] bytes) {
        return defineClass(binaryName, bytes, 0, bytes.length);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> known = seen.get(name);
        if (known != null) {
            return known;
        }
        if (name.startsWith("io.liveswap.core.") || name.startsWith("io.liveswap.interpose.")) {
            return PLATFORM.loadClass(name);
        }
        for (ClassLoader loader : interfaceLoaders) {
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException notThere) {
                // try the next interface's loader
            }
        }
        throw new ClassNotFoundException(name);
    }
}
