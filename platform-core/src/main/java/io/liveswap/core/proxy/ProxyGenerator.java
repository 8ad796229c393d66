package io.liveswap.core.proxy;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ACC_SYNTHETIC;
import static org.objectweb.asm.Opcodes.ACC_VARARGS;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ARETURN;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.IF_ACMPNE;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.ICONST_1;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.PUTFIELD;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V17;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

import io.liveswap.core.quiescence.CallPath;

/**
 * Writes the bytecode of a unit's proxy class: a public final class implementing the unit's interfaces whose every
 * interface method forwards to the unit's current target along the call path of the unit's quiescence mode
 * ({@link CallPath}: e.g. {@code Slot s = GATE.enter(); try { return ((Iface) GATE.target()).m(args); } finally {
 * s.exit(); }} in counting mode, {@code return ((Iface) TARGET.invokeExact()).m(args);} in stack-scan mode).
 * {@code equals}, {@code hashCode} and {@code toString} are the proxy's own (identity, and a description naming the
 * unit and its target). A method that can return the proxy returns it where the target returns itself
 * ({@link SelfReturns}); the others' bytecode does not change for that.
 */
final class ProxyGenerator {

    static final String HANDLE_FIELD = "handle";
    private static final String INSTANCE = Type.getInternalName(io.liveswap.core.lazy.Instance.class);
    private static final String LOADER = Type.getInternalName(ProxyClassLoader.class);

    private ProxyGenerator() {
    }

    /** Public, non-static methods of the interfaces and their super-interfaces, one per name and descriptor. */
    static List<Method> forwardedMethods(List<Class<?>> interfaces) {
        Map<String, Method> byKey = new LinkedHashMap<>();
        Deque<Class<?>> todo = new ArrayDeque<>(interfaces);
        Set<Class<?>> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            Class<?> iface = todo.removeFirst();
            if (!seen.add(iface)) {
                continue;
            }
            for (Method m : iface.getDeclaredMethods()) {
                int mod = m.getModifiers();
                if (Modifier.isStatic(mod) || !Modifier.isPublic(mod) || isObjectMethod(m)) {
                    continue;
                }
                byKey.putIfAbsent(m.getName() + Type.getMethodDescriptor(m), m);
            }
            todo.addAll(List.of(iface.getInterfaces()));
        }
        return List.copyOf(byKey.values());
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException notObjects) {
            return false;
        }
    }

    /** A public final class implementing {@code interfaces}, its frames computed. */
    private static ClassWriter startClass(String self, List<Class<?>> interfaces) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object"; // generated code never merges two different reference types
            }
        };
        String[] names = interfaces.stream().map(Type::getInternalName).toArray(String[]::new);
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC, self, null, "java/lang/Object", names);
        return cw;
    }

    /** Pushes the proxy's gate: {@code ProxyClassLoader.gate(Self.class)}, in the static initialiser. */
    private static void pushGate(MethodVisitor clinit, String self) {
        clinit.visitLdcInsn(Type.getObjectType(self));
        clinit.visitMethodInsn(INVOKESTATIC, LOADER, "gate", "(Ljava/lang/Class;)Ljava/lang/Object;", false);
    }

    /** The static initialiser: the call path's fields. */
    private static void staticInit(ClassWriter cw, String self, CallPath path) {
        MethodVisitor clinit = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        clinit.visitCode();
        path.initialiseFields(clinit, self, mv -> pushGate(mv, self));
        clinit.visitInsn(RETURN);
        clinit.visitMaxs(0, 0);
        clinit.visitEnd();
    }

    static byte[] generate(String binaryName, List<Class<?>> interfaces, CallPath path) {
        String self = binaryName.replace('.', '/');
        ClassWriter cw = startClass(self, interfaces);
        path.declareFields(cw);
        staticInit(cw, self, path);

        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        for (Method m : forwardedMethods(interfaces)) {
            forward(cw, self, m, interfaces, path, mv -> path.pushTarget(mv, self));
        }
        objectMethods(cw, self, false);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * An instance proxy of a multi-instance unit: the unit's call path (it shares the unit's gate) with the target
     * {@code handle.target()}, where {@code handle} is the instance's {@link io.liveswap.core.lazy.Instance}, passed
     * to the only constructor. In counting mode: {@code Slot s = GATE.enter(); try { return ((Iface)
     * handle.target()).m(args); } finally { s.exit(); }}.
     */
    static byte[] generateInstance(String binaryName, List<Class<?>> interfaces, CallPath path) {
        String self = binaryName.replace('.', '/');
        ClassWriter cw = startClass(self, interfaces);
        path.declareFields(cw);
        cw.visitField(ACC_PRIVATE | ACC_FINAL, HANDLE_FIELD, "L" + INSTANCE + ";", null, null).visitEnd();
        staticInit(cw, self, path);

        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "(L" + INSTANCE + ";)V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitVarInsn(ALOAD, 0);
        init.visitVarInsn(ALOAD, 1);
        init.visitFieldInsn(PUTFIELD, self, HANDLE_FIELD, "L" + INSTANCE + ";");
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        for (Method m : forwardedMethods(interfaces)) {
            forward(cw, self, m, interfaces, path, mv -> {
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, self, HANDLE_FIELD, "L" + INSTANCE + ";");
                mv.visitMethodInsn(INVOKEVIRTUAL, INSTANCE, "target", "()Ljava/lang/Object;", false);
            });
        }
        objectMethods(cw, self, true);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * One forwarded method: the call path's body around {@code ((Owner) target).m(args)}. If the proxy can be a
     * result of the method, the target is kept in the first free local and the proxy is returned where the target
     * returns itself ({@link SelfReturns}); any other method gets the call path's plain return.
     */
    private static void forward(ClassWriter cw, String self, Method m, List<Class<?>> interfaces, CallPath path,
            Consumer<MethodVisitor> pushTarget) {
        String owner = Type.getInternalName(m.getDeclaringClass());
        String desc = Type.getMethodDescriptor(m);
        Type returns = Type.getReturnType(desc);
        String[] exceptions = m.getExceptionTypes().length == 0 ? null
                : Arrays.stream(m.getExceptionTypes()).map(Type::getInternalName).toArray(String[]::new);
        int access = ACC_PUBLIC | ACC_FINAL | (m.isVarArgs() ? ACC_VARARGS : 0);
        MethodVisitor mv = cw.visitMethod(access, m.getName(), desc, null, exceptions);
        mv.visitCode();
        int firstFree = 1;
        for (Type arg : Type.getArgumentTypes(desc)) {
            firstFree += arg.getSize();
        }
        Consumer<MethodVisitor> target = pushTarget;
        Consumer<MethodVisitor> ret = plain -> plain.visitInsn(returns.getOpcode(IRETURN));
        if (SelfReturns.canReturnProxy(m, interfaces)) {
            int targetLocal = firstFree++;
            target = SelfReturns.keepingTarget(pushTarget, targetLocal);
            ret = SelfReturns.returningSelfFor(targetLocal);
        }
        path.body(mv, self, firstFree, returns, target, call -> {
            call.visitTypeInsn(CHECKCAST, owner);
            int slot = 1;
            for (Type arg : Type.getArgumentTypes(desc)) {
                call.visitVarInsn(arg.getOpcode(ILOAD), slot);
                slot += arg.getSize();
            }
            call.visitMethodInsn(INVOKEINTERFACE, owner, m.getName(), desc, true);
        }, ret);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void objectMethods(ClassWriter cw, String self, boolean instance) {
        MethodVisitor eq = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "equals", "(Ljava/lang/Object;)Z", null, null);
        eq.visitCode();
        Label different = new Label();
        eq.visitVarInsn(ALOAD, 0);
        eq.visitVarInsn(ALOAD, 1);
        eq.visitJumpInsn(IF_ACMPNE, different);
        eq.visitInsn(ICONST_1);
        eq.visitInsn(IRETURN);
        eq.visitLabel(different);
        eq.visitInsn(ICONST_0);
        eq.visitInsn(IRETURN);
        eq.visitMaxs(0, 0);
        eq.visitEnd();

        MethodVisitor hash = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "hashCode", "()I", null, null);
        hash.visitCode();
        hash.visitVarInsn(ALOAD, 0);
        hash.visitMethodInsn(INVOKESTATIC, "java/lang/System", "identityHashCode", "(Ljava/lang/Object;)I", false);
        hash.visitInsn(IRETURN);
        hash.visitMaxs(0, 0);
        hash.visitEnd();

        MethodVisitor str = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "toString", "()Ljava/lang/String;", null, null);
        str.visitCode();
        if (instance) {
            str.visitVarInsn(ALOAD, 0);
            str.visitFieldInsn(GETFIELD, self, HANDLE_FIELD, "L" + INSTANCE + ";");
            str.visitMethodInsn(INVOKEVIRTUAL, INSTANCE, "toString", "()Ljava/lang/String;", false);
        } else {
            str.visitLdcInsn(Type.getObjectType(self));
            str.visitMethodInsn(INVOKESTATIC, LOADER, "describe", "(Ljava/lang/Class;)Ljava/lang/String;", false);
        }
        str.visitInsn(ARETURN);
        str.visitMaxs(0, 0);
        str.visitEnd();
    }
}
