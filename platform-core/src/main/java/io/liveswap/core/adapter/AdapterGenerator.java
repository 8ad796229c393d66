package io.liveswap.core.adapter;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ACC_VARARGS;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ATHROW;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
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

/**
 * Writes the two classes of an adapter. The face's interfaces and the implementation's usually have the same names
 * (two copies of one API package), so no single class can name both; hence two classes in two loaders:
 * <ul>
 * <li>the <em>calls</em> class, resolved through the implementation's interface loaders: one
 * {@code public static} method per forwarded method, {@code static R' m$i(Object target, args...) {
 * return ((ImplIface) target).m((P) args...); }}, with every reference type carried as {@code Object} in its
 * descriptor, so that the two loaders never have to agree on a name; a checked exception the new version
 * translates ({@link Translations}) is caught around that one call and replaced;</li>
 * <li>the <em>face</em> class, resolved through the face's interface loaders, implementing the face:
 * {@code public R m(args) { Object t = this.target; Object r = Calls.m$i(t, args); return r == t ? this : (R) r;
 * }} (the self-return check only where the face's return type can hold the adapter), and {@code equals},
 * {@code hashCode}, {@code toString} forwarded to the target; a stubbed method (a removed method no consumer
 * calls) throws {@link UnsupportedOperationException} instead.</li>
 * </ul>
 *
 * <p><b>Generated-call protocol.</b> One {@code getfield} of a final field, one {@code invokestatic}, one
 * {@code invokeinterface}: no reflection, no boxing, no allocation. The JIT inlines the chain proxy &rarr; face
 * &rarr; calls &rarr; implementation like any monomorphic call. Exceptions pass unchanged (never wrapped); the
 * adapter holds no lock and no state besides its target, so the unit's quiescence protocol (its proxy's gate) is
 * unaffected: the adapter is just the object the proxy's target field points at.
 */
final class AdapterGenerator {

    static final String TARGET = "target";

    private AdapterGenerator() {
    }

    static String callName(int index) {
        return "m$" + index;
    }

    /** The calls class: one static forward per planned method, in {@code methods} order. */
    static byte[] calls(String binaryName, List<Method> implementationMethods, List<List<Class<?>>> translated) {
        String self = binaryName.replace('.', '/');
        ClassWriter cw = Bytecode.startClass(self, List.of());
        for (int i = 0; i < implementationMethods.size(); i++) {
            Method m = implementationMethods.get(i);
            String owner = Type.getInternalName(m.getDeclaringClass());
            String desc = Type.getMethodDescriptor(m);
            MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, callName(i), erasedCallDescriptor(m), null,
                    null);
            mv.visitCode();
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            List<Class<?>> catching = translated.get(i);
            for (Class<?> type : catching) {
                mv.visitTryCatchBlock(start, end, handler, Type.getInternalName(type));
            }
            mv.visitLabel(start);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitTypeInsn(CHECKCAST, owner);
            int slot = 1;
            for (Type arg : Type.getArgumentTypes(desc)) {
                mv.visitVarInsn(arg.getOpcode(org.objectweb.asm.Opcodes.ILOAD), slot);
                Bytecode.cast(mv, arg);
                slot += arg.getSize();
            }
            mv.visitMethodInsn(INVOKEINTERFACE, owner, m.getName(), desc, true);
            mv.visitLabel(end);
            Bytecode.returnValue(mv, Type.getReturnType(desc));
            if (!catching.isEmpty()) {
                mv.visitLabel(handler);
                int caught = slot;
                mv.visitVarInsn(org.objectweb.asm.Opcodes.ASTORE, caught);
                mv.visitLdcInsn(Type.getObjectType(self));
                mv.visitLdcInsn(i);
                mv.visitVarInsn(ALOAD, caught);
                mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(Translations.class), "translate",
                        "(Ljava/lang/Class;ILjava/lang/Throwable;)Ljava/lang/Throwable;", false);
                mv.visitInsn(ATHROW);
            }
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code public R m(args) { throw new UnsupportedOperationException(message); }} */
    private static void stub(ClassWriter cw, Method m, String message) {
        int access = ACC_PUBLIC | ACC_FINAL | (m.isVarArgs() ? ACC_VARARGS : 0);
        MethodVisitor mv = cw.visitMethod(access, m.getName(), Type.getMethodDescriptor(m), null,
                Bytecode.exceptions(m));
        mv.visitCode();
        String type = Type.getInternalName(UnsupportedOperationException.class);
        mv.visitTypeInsn(NEW, type);
        mv.visitInsn(DUP);
        mv.visitLdcInsn(message);
        mv.visitMethodInsn(INVOKESPECIAL, type, "<init>", "(Ljava/lang/String;)V", false);
        mv.visitInsn(ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@code (Object target, erased args...) erasedReturn} */
    static String erasedCallDescriptor(Method m) {
        Type[] args = Type.getArgumentTypes(m);
        Type[] erased = new Type[args.length + 1];
        erased[0] = Bytecode.OBJECT;
        for (int i = 0; i < args.length; i++) {
            erased[i + 1] = Bytecode.erased(args[i]);
        }
        return Type.getMethodDescriptor(Bytecode.erased(Type.getReturnType(m)), erased);
    }

    /**
     * The face class: implements {@code face}, its constructor takes the target; face method {@code i} of
     * {@code faceMethods} calls {@code calls.m$i} with the signature of {@code implementationMethods.get(i)}.
     */
    static byte[] face(String binaryName, List<Class<?>> face, List<Method> faceMethods,
            List<Method> implementationMethods, String callsBinaryName, java.util.Map<Method, String> stubs) {
        String self = binaryName.replace('.', '/');
        String calls = callsBinaryName.replace('.', '/');
        ClassWriter cw = Bytecode.startClass(self, Bytecode.internalNames(face));
        cw.visitField(ACC_PRIVATE | ACC_FINAL, TARGET, Bytecode.OBJECT.getDescriptor(), null, null).visitEnd();

        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "(Ljava/lang/Object;)V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitVarInsn(ALOAD, 0);
        init.visitVarInsn(ALOAD, 1);
        init.visitFieldInsn(PUTFIELD, self, TARGET, Bytecode.OBJECT.getDescriptor());
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        for (int i = 0; i < faceMethods.size(); i++) {
            Method m = faceMethods.get(i);
            String desc = Type.getMethodDescriptor(m);
            Type returns = Type.getReturnType(desc);
            int access = ACC_PUBLIC | ACC_FINAL | (m.isVarArgs() ? ACC_VARARGS : 0);
            MethodVisitor mv = cw.visitMethod(access, m.getName(), desc, null, Bytecode.exceptions(m));
            mv.visitCode();
            boolean self_ = Bytecode.canReturnFront(m, face);
            int targetLocal = Bytecode.firstFreeLocal(desc);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, self, TARGET, Bytecode.OBJECT.getDescriptor());
            if (self_) {
                Bytecode.keep(mv, targetLocal);
            }
            Bytecode.loadArguments(mv, desc, 1);
            mv.visitMethodInsn(INVOKESTATIC, calls, callName(i), erasedCallDescriptor(implementationMethods.get(i)),
                    false);
            Bytecode.cast(mv, returns);
            if (self_) {
                Bytecode.returnSelfFor(mv, targetLocal);
            } else {
                Bytecode.returnValue(mv, returns);
            }
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        stubs.forEach((m, message) -> stub(cw, m, message));
        Bytecode.objectMethodsTo(cw, self, TARGET);
        cw.visitEnd();
        return cw.toByteArray();
    }
}
