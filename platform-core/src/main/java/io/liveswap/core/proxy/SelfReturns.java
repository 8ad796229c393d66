package io.liveswap.core.proxy;

import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ARETURN;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.IF_ACMPNE;
import static org.objectweb.asm.Opcodes.POP;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Consumer;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Keeps {@code this} from escaping through a return value: where the implementation returns itself (a fluent
 * {@code Builder add(int x) { ...; return this; }}), the proxy returns itself instead, so that the consumer's next
 * calls go through the gate again and reach the current version after an update. Without it the consumer would hold
 * the raw implementation: its calls would skip the gate and, after an update, run in the retired object, whose
 * writes are lost without an error.
 *
 * <p>Only methods whose return type can hold the proxy get the check (the proxy class is assignable to the declared
 * return type: it is one of the proxy's interfaces, a super-interface of one, or {@code Object}, e.g. an erased type
 * variable); every other method's bytecode is exactly what it was without this class. For the methods that can, the
 * call path reads its target once into a local, calls that object, and returns
 * {@code result == target ? this : result}: the compared object is the one the call went to, even if the unit was
 * re-pointed meanwhile. The comparison runs after the call path's exit, outside the gate.
 *
 * <p>An implementation that returns another object (a new instance of its own class, a field) hands that raw
 * object to the consumer: the platform cannot mediate it, nor tell it from a value object, and logs nothing per
 * call. docs/UPDATES.md states the rule.
 */
final class SelfReturns {

    private SelfReturns() {
    }

    /**
     * @param m a forwarded method
     * @param interfaces the interfaces the proxy class implements
     * @return whether the proxy is a valid result of {@code m}, i.e. its return type is assignable from one of
     *         {@code interfaces} (always false for primitives, arrays and {@code void})
     */
    static boolean canReturnProxy(Method m, List<Class<?>> interfaces) {
        Class<?> returns = m.getReturnType();
        if (returns.isPrimitive() || returns.isArray()) {
            return false;
        }
        for (Class<?> iface : interfaces) {
            if (returns.isAssignableFrom(iface)) {
                return true;
            }
        }
        return false;
    }

    /** Wraps {@code pushTarget}: the target it pushes stays on the stack and is kept in local {@code targetLocal}. */
    static Consumer<MethodVisitor> keepingTarget(Consumer<MethodVisitor> pushTarget, int targetLocal) {
        return mv -> {
            pushTarget.accept(mv);
            mv.visitInsn(DUP);
            mv.visitVarInsn(ASTORE, targetLocal);
        };
    }

    /**
     * Returns the result on the stack, or the proxy ({@code this}) if the result is the object kept in
     * {@code targetLocal}. Written as two returns, so that no frame merges the proxy's type with the result's.
     */
    static Consumer<MethodVisitor> returningSelfFor(int targetLocal) {
        return mv -> {
            Label other = new Label();
            mv.visitInsn(DUP);
            mv.visitVarInsn(ALOAD, targetLocal);
            mv.visitJumpInsn(IF_ACMPNE, other);
            mv.visitInsn(POP);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitInsn(ARETURN);
            mv.visitLabel(other);
            mv.visitInsn(ARETURN);
        };
    }
}
