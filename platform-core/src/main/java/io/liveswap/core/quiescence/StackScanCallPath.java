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

    /** The system property by which an operator states that no virtual thread calls a stack-scan unit. */
    static final String NO_VIRTUAL_THREADS = "liveswap.stackscan.noVirtualThreads";

    /** Why a stack-scan unit is refused on Java 21+ (where virtual threads exist), and the two ways out. */
    static String refusal(String unit) {
        return "Unit '" + unit + "' asks for stack-scan quiescence (" + QuiescenceMode.PROPERTY + "="
                + QuiescenceMode.STACK_SCAN.label() + "), which is refused on Java " + Runtime.version().feature()
                + ": stack scans cannot see virtual threads (Java 21+), so an update could carry the unit's state"
                + " away while a virtual thread's call still runs in the old version. Remove the property to use"
                + " the default counting mode, which serves virtual threads; or, only if no virtual thread ever"
                + " calls a stack-scan unit in this JVM, start Java with -D" + NO_VIRTUAL_THREADS + "=true";
    }

    @Override
    public QuiescenceMode mode() {
        return QuiescenceMode.STACK_SCAN;
    }

    @Override
    public Gate gate(String unit, ProxySite proxy) {
        if (Runtime.version().feature() >= 21 && !Boolean.getBoolean(NO_VIRTUAL_THREADS)) {
            throw new IllegalArgumentException(refusal(unit));
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
