package io.liveswap.mediator.transfer;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Two versions of a unit's classes, the same names in two class loaders (as two bundles have them): compiled from
 * source at test time. The parent loader is the test's, so the platform's annotations are shared.
 */
final class TwoVersions {

    /** One version's classes. */
    static final class Version extends ClassLoader {
        private final Map<String, byte[]> classes;

        Version(Map<String, byte[]> classes) {
            super(TwoVersions.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }

        Class<?> type(String name) {
            try {
                return loadClass(name);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }

        Object create(String name) {
            try {
                var constructor = type(name).getDeclaredConstructor();
                constructor.setAccessible(true);
                return constructor.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }

        List<String> names() {
            return new ArrayList<>(classes.keySet());
        }
    }

    private TwoVersions() {
    }

    /** Compiles {@code "p.Name", "source", ...} into a version of its own. */
    static Version compile(String... namesAndSources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> sources = new ArrayList<>();
        for (int i = 0; i < namesAndSources.length; i += 2) {
            String name = namesAndSources[i];
            String source = namesAndSources[i + 1];
            sources.add(new SimpleJavaFileObject(URI.create("string:///" + name.replace('.', '/') + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            });
        }
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(null, null, null);
        var files = new ForwardingJavaFileManager<StandardJavaFileManager>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        out.put(className, bytes);
                        return bytes;
                    }
                };
            }
        };
        java.io.StringWriter errors = new java.io.StringWriter();
        boolean ok = compiler.getTask(errors, files, null,
                List.of("-classpath", System.getProperty("java.class.path"), "-parameters"), null, sources).call();
        if (!ok) {
            throw new AssertionError("compilation failed: " + errors);
        }
        Map<String, byte[]> classes = new HashMap<>();
        out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return new Version(classes);
    }

    /** The transfer from {@code from}'s classes to {@code to}'s. */
    static AutoTransfer transfer(Version from, Version to, boolean upwards) {
        return new AutoTransfer(new VersionClasses(from, to, upwards, to::names));
    }
}
