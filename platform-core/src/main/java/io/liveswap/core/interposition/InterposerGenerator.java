package io.liveswap.core.interposition;

import static org.objectweb.asm.Opcodes.AALOAD;
import static org.objectweb.asm.Opcodes.AASTORE;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_VARARGS;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ANEWARRAY;
import static org.objectweb.asm.Opcodes.ARETURN;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.ATHROW;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.IFNONNULL;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.NEW;
import static org.objectweb.asm.Opcodes.PUTFIELD;
import static org.objectweb.asm.Opcodes.RETURN;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

import io.liveswap.core.generation.Bytecode;
import io.liveswap.interpose.Invocation;
import io.liveswap.interpose.UnitInterceptor;

/**
 * Writes an interposer class: implements the unit's interfaces and {@link Dispatcher}; its constructor takes
 * {@code (Object target, String unit, Method[] methods, UnitInterceptor[][] chains)}, the chains indexed like
 * {@code methods} ({@code null} where no interceptor applies). Method {@code i} is:
 *
 * <pre>
 * public R m(P1 a, P2 b) {
 *     if (this.c$i == null) {                 // no interceptor applies to m
 *         return ((Iface) this.target).m(a, b); // a direct invokeinterface
 *     }
 *     Object r = this.c$i[0].intercept(new InterposedCall(this, unit, methods[i], i, new Object[] {a, b}, c$i, 1));
 *     return (R) r;                           // unboxed for primitives
 * }
 * public Object liveswap$dispatch(int i, Object[] args) { switch (i) { case i: return box(((Iface) target).m(
 *     (P1) args[0], (P2) args[1])); ... } }
 * </pre>
 *
 * and where the return type can hold the interposer, {@code r == target ? this : r} (a fluent self-return stays
 * behind the unit's proxy).
 *
 * <p><b>Generated-call protocol.</b> Final fields only, read on the calling thread; no lock, no reflection. An
 * intercepted call allocates its {@link InterposedCall} and argument array, which the JIT removes (escape analysis)
 * when the interceptors do not keep them, as a pass-through interceptor does not. Exceptions pass unchanged. The
 * interposer is the object the unit's proxy targets: the quiescence protocol (the proxy's gate) is unaffected.
 */
final class InterposerGenerator {

    static final String CONSTRUCTOR = "(Ljava/lang/Object;Ljava/lang/String;[Ljava/lang/reflect/Method;"
            + "[[Lio/liveswap/interpose/UnitInterceptor;)V";
    private static final String OBJECT = "Ljava/lang/Object;";
    private static final String CHAIN = "[Lio/liveswap/interpose/UnitInterceptor;";
    private static final String METHODS = "[Ljava/lang/reflect/Method;";
    private static final String INTERCEPTOR = Type.getInternalName(UnitInterceptor.class);
    private static final String CALL = Type.getInternalName(InterposedCall.class);
    private static final String DISPATCHER = Type.getInternalName(Dispatcher.class);

    private InterposerGenerator() {
    }

    static byte[] generate(String binaryName, List<Class<?>> interfaces, List<Method> methods) {
        String self = binaryName.replace('.', '/');
        List<String> implemented = new ArrayList<>(Bytecode.internalNames(interfaces));
        implemented.add(DISPATCHER);
        ClassWriter cw = Bytecode.startClass(self, implemented);
        cw.visitField(ACC_PRIVATE | ACC_FINAL, "target", OBJECT, null, null).visitEnd();
        cw.visitField(ACC_PRIVATE | ACC_FINAL, "unit", "Ljava/lang/String;", null, null).visitEnd();
        cw.visitField(ACC_PRIVATE | ACC_FINAL, "methods", METHODS, null, null).visitEnd();
        for (int i = 0; i < methods.size(); i++) {
            cw.visitField(ACC_PRIVATE | ACC_FINAL, chain(i), CHAIN, null, null).visitEnd();
        }
        constructor(cw, self, methods.size());
        for (int i = 0; i < methods.size(); i++) {
            method(cw, self, interfaces, methods.get(i), i);
        }
        dispatch(cw, self, methods);
        Bytecode.objectMethodsTo(cw, self, "target");
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static String chain(int i) {
        return "c$" + i;
    }

    private static void constructor(ClassWriter cw, String self, int count) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", CONSTRUCTOR, null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        String[][] fields = {{"target", OBJECT}, {"unit", "Ljava/lang/String;"}, {"methods", METHODS}};
        for (int f = 0; f < fields.length; f++) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, f + 1);
            mv.visitFieldInsn(PUTFIELD, self, fields[f][0], fields[f][1]);
        }
        for (int i = 0; i < count; i++) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 4);
            mv.visitLdcInsn(i);
            mv.visitInsn(AALOAD);
            mv.visitFieldInsn(PUTFIELD, self, chain(i), CHAIN);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void method(ClassWriter cw, String self, List<Class<?>> interfaces, Method m, int i) {
        String owner = Type.getInternalName(m.getDeclaringClass());
        String desc = Type.getMethodDescriptor(m);
        Type returns = Type.getReturnType(desc);
        int access = ACC_PUBLIC | ACC_FINAL | (m.isVarArgs() ? ACC_VARARGS : 0);
        MethodVisitor mv = cw.visitMethod(access, m.getName(), desc, null, Bytecode.exceptions(m));
        mv.visitCode();
        boolean selfReturn = Bytecode.canReturnFront(m, interfaces);
        int targetLocal = Bytecode.firstFreeLocal(desc);
        if (selfReturn) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, self, "target", OBJECT);
            mv.visitVarInsn(ASTORE, targetLocal);
        }
        Label intercepted = new Label();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, self, chain(i), CHAIN);
        mv.visitJumpInsn(IFNONNULL, intercepted);

        // no interceptor applies: the target directly
        if (selfReturn) {
            mv.visitVarInsn(ALOAD, targetLocal);
        } else {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, self, "target", OBJECT);
        }
        mv.visitTypeInsn(CHECKCAST, owner);
        Bytecode.loadArguments(mv, desc, 1);
        mv.visitMethodInsn(INVOKEINTERFACE, owner, m.getName(), desc, true);
        finish(mv, returns, selfReturn, targetLocal);

        // through the chain: c$i[0].intercept(new InterposedCall(this, unit, methods[i], i, args, c$i, 1))
        mv.visitLabel(intercepted);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, self, chain(i), CHAIN);
        mv.visitLdcInsn(0);
        mv.visitInsn(AALOAD);
        mv.visitTypeInsn(NEW, CALL);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, self, "unit", "Ljava/lang/String;");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, self, "methods", METHODS);
        mv.visitLdcInsn(i);
        mv.visitInsn(AALOAD);
        mv.visitLdcInsn(i);
        Type[] args = Type.getArgumentTypes(desc);
        mv.visitLdcInsn(args.length);
        mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        int slot = 1;
        for (int a = 0; a < args.length; a++) {
            mv.visitInsn(DUP);
            mv.visitLdcInsn(a);
            mv.visitVarInsn(args[a].getOpcode(ILOAD), slot);
            Bytecode.box(mv, args[a]);
            mv.visitInsn(AASTORE);
            slot += args[a].getSize();
        }
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, self, chain(i), CHAIN);
        mv.visitLdcInsn(1);
        mv.visitMethodInsn(INVOKESPECIAL, CALL, "<init>", "(L" + DISPATCHER + ";Ljava/lang/String;"
                + "Ljava/lang/reflect/Method;I[Ljava/lang/Object;" + CHAIN + "I)V", false);
        mv.visitMethodInsn(INVOKEINTERFACE, INTERCEPTOR, "intercept",
                "(" + Type.getDescriptor(Invocation.class) + ")Ljava/lang/Object;", true);
        Bytecode.unbox(mv, returns);
        finish(mv, returns, selfReturn, targetLocal);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void finish(MethodVisitor mv, Type returns, boolean selfReturn, int targetLocal) {
        if (selfReturn) {
            Bytecode.returnSelfFor(mv, targetLocal);
        } else {
            Bytecode.returnValue(mv, returns);
        }
    }

    private static void dispatch(ClassWriter cw, String self, List<Method> methods) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "liveswap$dispatch", "(I[Ljava/lang/Object;)"
                + OBJECT, null, new String[] {"java/lang/Throwable"});
        mv.visitCode();
        Label unknown = new Label();
        if (!methods.isEmpty()) {
            Label[] cases = new Label[methods.size()];
            for (int i = 0; i < cases.length; i++) {
                cases[i] = new Label();
            }
            mv.visitVarInsn(ILOAD, 1);
            mv.visitTableSwitchInsn(0, cases.length - 1, unknown, cases);
            for (int i = 0; i < cases.length; i++) {
                Method m = methods.get(i);
                String owner = Type.getInternalName(m.getDeclaringClass());
                String desc = Type.getMethodDescriptor(m);
                mv.visitLabel(cases[i]);
                mv.visitVarInsn(ALOAD, 0);
                mv.visitFieldInsn(GETFIELD, self, "target", OBJECT);
                mv.visitTypeInsn(CHECKCAST, owner);
                Type[] args = Type.getArgumentTypes(desc);
                for (int a = 0; a < args.length; a++) {
                    mv.visitVarInsn(ALOAD, 2);
                    mv.visitLdcInsn(a);
                    mv.visitInsn(AALOAD);
                    Bytecode.unbox(mv, args[a]);
                }
                mv.visitMethodInsn(INVOKEINTERFACE, owner, m.getName(), desc, true);
                Bytecode.box(mv, Type.getReturnType(desc));
                mv.visitInsn(ARETURN);
            }
        }
        mv.visitLabel(unknown);
        mv.visitTypeInsn(NEW, "java/lang/IllegalArgumentException");
        mv.visitInsn(DUP);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/IllegalArgumentException", "<init>", "()V", false);
        mv.visitInsn(ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
