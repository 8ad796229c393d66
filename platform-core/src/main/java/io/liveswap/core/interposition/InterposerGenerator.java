package io.liveswap.core.interposition;

import static org.objectweb.asm.Opcodes.AALOAD;
import static org.objectweb.asm.Opcodes.AASTORE;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_PROTECTED;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_VARARGS;
import static org.objectweb.asm.Opcodes.ACONST_NULL;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ANEWARRAY;
import static org.objectweb.asm.Opcodes.ARETURN;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.IADD;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.IFNONNULL;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.NEW;
import static org.objectweb.asm.Opcodes.PUTFIELD;
import static org.objectweb.asm.Opcodes.RETURN;

import java.lang.reflect.Method;
import java.util.List;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

import io.liveswap.core.generation.Bytecode;
import io.liveswap.interpose.Invocation;
import io.liveswap.interpose.UnitInterceptor;

/**
 * Writes an interposer class and its call classes. The interposer implements the unit's interfaces; its constructor
 * takes {@code (Object target, String unit, Method[] methods, UnitInterceptor[][] chains)}, the chains indexed like
 * {@code methods} ({@code null} where no interceptor applies). Method {@code i} is:
 *
 * <pre>
 * public R m(P1 a, P2 b) {
 *     if (this.c$i == null) {                   // no interceptor applies to m
 *         return ((Iface) this.target).m(a, b);   // a direct invokeinterface
 *     }
 *     return (R) this.c$i[0].intercept(new Call$i(target, unit, methods[i], c$i, 1, null, a, b)); // unboxed
 * }
 * </pre>
 *
 * and where the return type can hold the interposer, {@code r == target ? this : r} (a fluent self-return stays
 * behind the unit's proxy). {@code Call$i} extends {@link InterposedCall} with the arguments in typed fields:
 * {@code invoke()} is {@code box(((Iface) target).m(a, b))}, {@code invoke(Object[])} unboxes a changed array,
 * {@code box()} makes the array, {@code next()} copies the call one position further.
 *
 * <p><b>Generated-call protocol.</b> Final fields only, read on the calling thread; no lock, no reflection. An
 * intercepted call allocates its call object, which the JIT removes (escape analysis) when the interceptors do not
 * keep it, as a pass-through interceptor does not; the arguments are boxed only if an interceptor asks for them.
 * Exceptions pass unchanged. The interposer is the object the unit's proxy targets: the quiescence protocol (the
 * proxy's gate) is unaffected.
 */
final class InterposerGenerator {

    static final String CONSTRUCTOR = "(Ljava/lang/Object;Ljava/lang/String;[Ljava/lang/reflect/Method;"
            + "[[Lio/liveswap/interpose/UnitInterceptor;)V";
    private static final String OBJECT = "Ljava/lang/Object;";
    private static final String STRING = "Ljava/lang/String;";
    private static final String METHOD = "Ljava/lang/reflect/Method;";
    private static final String CHAIN = "[Lio/liveswap/interpose/UnitInterceptor;";
    private static final String METHODS = "[Ljava/lang/reflect/Method;";
    private static final String INTERCEPTOR = Type.getInternalName(UnitInterceptor.class);
    private static final String CALL = Type.getInternalName(InterposedCall.class);
    private static final String CALL_HEAD = "(" + OBJECT + STRING + METHOD + CHAIN + "I[Ljava/lang/Object;";

    private InterposerGenerator() {
    }

    static String callName(String interposer, int i) {
        return interposer + "$Call$" + i;
    }

    /** The interposer class; its call classes are {@link #call}'s, named {@link #callName}. */
    static byte[] generate(String binaryName, List<Class<?>> interfaces, List<Method> methods) {
        String self = binaryName.replace('.', '/');
        ClassWriter cw = Bytecode.startClass(self, Bytecode.internalNames(interfaces));
        cw.visitField(ACC_PRIVATE | ACC_FINAL, "target", OBJECT, null, null).visitEnd();
        cw.visitField(ACC_PRIVATE | ACC_FINAL, "unit", STRING, null, null).visitEnd();
        cw.visitField(ACC_PRIVATE | ACC_FINAL, "methods", METHODS, null, null).visitEnd();
        for (int i = 0; i < methods.size(); i++) {
            cw.visitField(ACC_PRIVATE | ACC_FINAL, chain(i), CHAIN, null, null).visitEnd();
        }
        constructor(cw, self, methods.size());
        for (int i = 0; i < methods.size(); i++) {
            method(cw, self, interfaces, methods.get(i), i);
        }
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
        String[][] fields = {{"target", OBJECT}, {"unit", STRING}, {"methods", METHODS}};
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
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, self, "target", OBJECT);
        mv.visitTypeInsn(CHECKCAST, owner);
        Bytecode.loadArguments(mv, desc, 1);
        mv.visitMethodInsn(INVOKEINTERFACE, owner, m.getName(), desc, true);
        finish(mv, returns, selfReturn, targetLocal);

        // through the chain: c$i[0].intercept(new Call$i(target, unit, methods[i], c$i, 1, null, args...))
        mv.visitLabel(intercepted);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, self, chain(i), CHAIN);
        mv.visitLdcInsn(0);
        mv.visitInsn(AALOAD);
        String call = callName(self, i);
        mv.visitTypeInsn(NEW, call);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, self, "target", OBJECT);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, self, "unit", STRING);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, self, "methods", METHODS);
        mv.visitLdcInsn(i);
        mv.visitInsn(AALOAD);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, self, chain(i), CHAIN);
        mv.visitLdcInsn(1);
        mv.visitInsn(ACONST_NULL);
        Bytecode.loadArguments(mv, desc, 1);
        mv.visitMethodInsn(INVOKESPECIAL, call, "<init>", callConstructor(desc), false);
        mv.visitMethodInsn(INVOKEINTERFACE, INTERCEPTOR, "intercept",
                "(" + Type.getDescriptor(Invocation.class) + ")Ljava/lang/Object;", true);
        Bytecode.unbox(mv, returns);
        finish(mv, returns, selfReturn, targetLocal);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static String callConstructor(String methodDesc) {
        StringBuilder desc = new StringBuilder(CALL_HEAD);
        for (Type arg : Type.getArgumentTypes(methodDesc)) {
            desc.append(arg.getDescriptor());
        }
        return desc.append(")V").toString();
    }

    private static void finish(MethodVisitor mv, Type returns, boolean selfReturn, int targetLocal) {
        if (selfReturn) {
            Bytecode.returnSelfFor(mv, targetLocal);
        } else {
            Bytecode.returnValue(mv, returns);
        }
    }

    /** The call class of method {@code m}, at index {@code i} of the interposer {@code interposerName}. */
    static byte[] call(String interposerName, Method m, int i) {
        String self = callName(interposerName.replace('.', '/'), i);
        String owner = Type.getInternalName(m.getDeclaringClass());
        String desc = Type.getMethodDescriptor(m);
        Type[] args = Type.getArgumentTypes(desc);
        Type returns = Type.getReturnType(desc);
        ClassWriter cw = Bytecode.startClass(self, CALL, List.of());
        for (int a = 0; a < args.length; a++) {
            cw.visitField(ACC_PRIVATE | ACC_FINAL, "a" + a, args[a].getDescriptor(), null, null).visitEnd();
        }

        String constructor = callConstructor(desc);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", constructor, null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        for (int l = 1; l <= 6; l++) {
            init.visitVarInsn(l == 5 ? ILOAD : ALOAD, l);
        }
        init.visitMethodInsn(INVOKESPECIAL, CALL, "<init>", CALL_HEAD + ")V", false);
        int slot = 7;
        for (int a = 0; a < args.length; a++) {
            init.visitVarInsn(ALOAD, 0);
            init.visitVarInsn(args[a].getOpcode(ILOAD), slot);
            init.visitFieldInsn(PUTFIELD, self, "a" + a, args[a].getDescriptor());
            slot += args[a].getSize();
        }
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor box = cw.visitMethod(ACC_PROTECTED | ACC_FINAL, "box", "()[Ljava/lang/Object;", null, null);
        box.visitCode();
        box.visitLdcInsn(args.length);
        box.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        for (int a = 0; a < args.length; a++) {
            box.visitInsn(DUP);
            box.visitLdcInsn(a);
            loadField(box, self, a, args[a]);
            Bytecode.box(box, args[a]);
            box.visitInsn(AASTORE);
        }
        box.visitInsn(ARETURN);
        box.visitMaxs(0, 0);
        box.visitEnd();

        for (boolean fromArray : new boolean[] {false, true}) {
            MethodVisitor mv = cw.visitMethod(ACC_PROTECTED | ACC_FINAL, "invoke",
                    fromArray ? "([Ljava/lang/Object;)Ljava/lang/Object;" : "()Ljava/lang/Object;", null,
                    new String[] {"java/lang/Throwable"});
            mv.visitCode();
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, self, "target", OBJECT);
            mv.visitTypeInsn(CHECKCAST, owner);
            for (int a = 0; a < args.length; a++) {
                if (fromArray) {
                    mv.visitVarInsn(ALOAD, 1);
                    mv.visitLdcInsn(a);
                    mv.visitInsn(AALOAD);
                    Bytecode.unbox(mv, args[a]);
                } else {
                    loadField(mv, self, a, args[a]);
                }
            }
            mv.visitMethodInsn(INVOKEINTERFACE, owner, m.getName(), desc, true);
            Bytecode.box(mv, returns);
            mv.visitInsn(ARETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }

        MethodVisitor next = cw.visitMethod(ACC_PROTECTED | ACC_FINAL, "next", "()L" + CALL + ";", null, null);
        next.visitCode();
        next.visitTypeInsn(NEW, self);
        next.visitInsn(DUP);
        String[][] inherited = {{"target", OBJECT}, {"unit", STRING}, {"method", METHOD}, {"chain", CHAIN},
            {"position", "I"}, {"arguments", "[Ljava/lang/Object;"}};
        for (String[] field : inherited) {
            next.visitVarInsn(ALOAD, 0);
            next.visitFieldInsn(GETFIELD, self, field[0], field[1]);
            if (field[0].equals("position")) {
                next.visitLdcInsn(1);
                next.visitInsn(IADD);
            }
        }
        for (int a = 0; a < args.length; a++) {
            loadField(next, self, a, args[a]);
        }
        next.visitMethodInsn(INVOKESPECIAL, self, "<init>", constructor, false);
        next.visitInsn(ARETURN);
        next.visitMaxs(0, 0);
        next.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void loadField(MethodVisitor mv, String self, int a, Type type) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, self, "a" + a, type.getDescriptor());
    }
}
