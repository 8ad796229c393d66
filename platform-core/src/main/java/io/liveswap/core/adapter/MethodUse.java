package io.liveswap.core.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where consumers call removed interface methods, from their bytecode: the call sites of a method are the
 * {@code invokeinterface}/{@code invokevirtual} instructions, the method handles of {@code invokedynamic} bootstrap
 * arguments (method references such as {@code process::fork}) and {@code ldc} method handles that name it: the same
 * name and descriptor, with the method's interface or a subtype of it (loaded through the consumer) as owner.
 *
 * <p><b>Cost.</b> One pass over every class file of each scanned bundle ({@link Bundle#findEntries}, fragments
 * included), read by ASM without debug information or frames: linear in the consumers' bytecode size, typically
 * a few milliseconds per bundle. A class is loaded only for an instruction whose name and descriptor already match
 * a removed method and whose owner is another type (to test it is a subtype). Callers scan only when a method is
 * missing, before an update's pause.
 *
 * <p><b>Limits.</b> Only classes inside the bundles are read: code in jars embedded on a {@code Bundle-ClassPath},
 * in other bundles the consumer calls, or reached by reflection is not seen (the adapter's stub covers those).
 */
public final class MethodUse {

    private static final Logger LOG = LoggerFactory.getLogger(MethodUse.class);

    private MethodUse() {
    }

    /**
     * @param bundles the consumers to scan
     * @param removed the face methods the new version lacks
     * @return the call sites, as "bundle [id]: class.method calls Interface.method", in scan order
     */
    public static List<String> callSites(List<Bundle> bundles, List<Method> removed) {
        long started = System.nanoTime();
        int classes = 0;
        Set<String> sites = new LinkedHashSet<>();
        for (Bundle bundle : bundles) {
            Enumeration<URL> entries;
            try {
                entries = bundle.findEntries("/", "*.class", true);
            } catch (IllegalStateException uninstalled) {
                continue;
            }
            if (entries == null) {
                continue;
            }
            String name = bundle.getSymbolicName() + " [" + bundle.getBundleId() + "]";
            while (entries.hasMoreElements()) {
                URL entry = entries.nextElement();
                classes++;
                try (InputStream in = entry.openStream()) {
                    for (String site : callSites(in.readAllBytes(), removed, owner -> loadIn(bundle, owner))) {
                        sites.add(name + ": " + site);
                    }
                } catch (IOException | RuntimeException unreadable) {
                    LOG.warn("Cannot read {} of {} to look for calls of removed methods: {}", entry, name,
                            unreadable.toString());
                }
            }
        }
        LOG.debug("Looked for calls of {} in {} classes of {} bundles in {} ms: {} found", removed.stream().map(
                Contract::describe).toList(), classes, bundles.size(), (System.nanoTime() - started) / 1_000_000,
                sites.size());
        return List.copyOf(sites);
    }

    /**
     * The call sites in one class file.
     *
     * @param classFile the class's bytes
     * @param types resolves an owner's binary name as the class's code sees it, or {@code null} if it cannot
     * @return "class.method calls Interface.method(...)", each once
     */
    public static List<String> callSites(byte[] classFile, List<Method> removed, Function<String, Class<?>> types) {
        List<String> sites = new ArrayList<>();
        ClassReader reader = new ClassReader(classFile);
        String className = reader.getClassName().replace('/', '.');
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                    String[] exceptions) {
                String caller = className + "." + method;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                        if (opcode == Opcodes.INVOKEINTERFACE || opcode == Opcodes.INVOKEVIRTUAL) {
                            note(caller, owner, name, desc);
                        }
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... args) {
                        for (Object arg : args) {
                            constant(arg);
                        }
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        constant(value);
                    }

                    private void constant(Object value) {
                        if (value instanceof Handle handle) {
                            note(caller, handle.getOwner(), handle.getName(), handle.getDesc());
                        }
                    }

                    private void note(String at, String owner, String name, String desc) {
                        Method called = match(owner, name, desc, removed, types);
                        if (called != null) {
                            String site = at + " calls " + Contract.describe(called);
                            if (!sites.contains(site)) {
                                sites.add(site);
                            }
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return sites;
    }

    private static Method match(String owner, String name, String desc, List<Method> removed,
            Function<String, Class<?>> types) {
        for (Method m : removed) {
            if (!m.getName().equals(name) || !Type.getMethodDescriptor(m).equals(desc)) {
                continue;
            }
            Class<?> declaring = m.getDeclaringClass();
            String ownerName = Type.getObjectType(owner).getClassName();
            if (ownerName.equals(declaring.getName())) {
                return m; // the name suffices: the consumer is wired to the face's copy of the API
            }
            Class<?> ownerClass = types.apply(ownerName);
            if (ownerClass != null && declaring.isAssignableFrom(ownerClass)) {
                return m;
            }
        }
        return null;
    }

    private static Class<?> loadIn(Bundle bundle, String name) {
        try {
            return bundle.loadClass(name);
        } catch (ClassNotFoundException | LinkageError | IllegalStateException notThere) {
            return null;
        }
    }
}
