package io.liveswap.core.quiescence;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.PUTSTATIC;

import java.lang.invoke.MethodHandle;
import java.util.function.Consumer;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

import io.liveswap.spi.QuiescenceMode;

/**
 * The stack-scan mode's call path: nothing but {@code return ((Iface) TARGET.invokeExact()).m(args);}, where
 * {@code TARGET} is the static-final invoker of the {@link StackScanGate}'s call site, which the JIT folds to a
 * constant.
 */
final class StackScanCallPath implements CallPath {

    private static final String TARGET_FIELD = "TARGET";
    private static final String MH = Type.getInternalName(MethodHandle.class);
    private static final String GATE = Type.getInternalName(StackScanGate.class);

    @Override
    public QuiescenceMode mode() {
        return QuiescenceMode.STACK_SCAN;
    }

    @Override
    public Gate gate(String unit, ProxySite proxy) {
        if (Runtime.version().feature() >= 21 && !Boolean.getBoolean("liveswap.stackscan.noVirtualThreads")) {
            throw new IllegalArgumentException("Unit '" + unit + "': stack-scan quiescence cannot see virtual"
                    + " threads, which this Java " + Runtime.version().feature() + " has; use the default counting"
                    + " mode, or set -Dliveswap.stackscan.noVirtualThreads=true if no virtual thread calls units");
        }
        return new StackScanGate(unit, proxy);
    }

    /** A scan cannot tell calls on one instance from calls on another. */
    @Override
    public boolean servesInstances() {
        return false;
    }

    @Override
    public void declareFields(ClassVisitor cw) {
        cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, TARGET_FIELD, "L" + MH + ";", null, null).visitEnd();
    }

    /** {@code TARGET = ((StackScanGate) <the proxy's gate>).invoker()}. */
    @Override
    public void initialiseFields(MethodVisitor clinit, String self, Consumer<MethodVisitor> pushGate) {
        pushGate.accept(clinit);
        clinit.visitTypeInsn(CHECKCAST, GATE);
        clinit.visitMethodInsn(INVOKEVIRTUAL, GATE, "invoker", "()L" + MH + ";", false);
        clinit.visitFieldInsn(PUTSTATIC, self, TARGET_FIELD, "L" + MH + ";");
    }

    @Override
    public void pushTarget(MethodVisitor mv, String self) {
        mv.visitFieldInsn(GETSTATIC, self, TARGET_FIELD, "L" + MH + ";");
        mv.visitMethodInsn(INVOKEVIRTUAL, MH, "invokeExact", "()Ljava/lang/Object;", false);
    }

    @Override
    public void body(MethodVisitor mv, String self, int firstFreeLocal, Type returns,
            Consumer<MethodVisitor> pushTarget, Consumer<MethodVisitor> call, Consumer<MethodVisitor> ret) {
        pushTarget.accept(mv);
        call.accept(mv);
        ret.accept(mv);
    }
}
