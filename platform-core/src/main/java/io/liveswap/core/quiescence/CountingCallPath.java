package io.liveswap.core.quiescence;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.ATHROW;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.PUTSTATIC;

import java.util.function.Consumer;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

import io.liveswap.spi.QuiescenceMode;

/**
 * The default mode's call path, on a {@link CountingGate} held in a static-final field:
 * {@code Slot s = GATE.enter(); try { return ((Iface) GATE.target()).m(args); } catch (Throwable t) { s.threw(t);
 * throw t; } finally { s.exit(); }}: the exception count is in the handler only, so a call that returns normally
 * runs no instruction of it.
 */
final class CountingCallPath implements CallPath {

    private static final String GATE_FIELD = "GATE";
    private static final String GATE = Type.getInternalName(CountingGate.class);
    private static final String SLOT = Type.getInternalName(CountingGate.Slot.class);

    @Override
    public QuiescenceMode mode() {
        return QuiescenceMode.COUNTING;
    }

    @Override
    public Gate gate(String unit, ProxySite proxy) {
        return new CountingGate(unit);
    }

    @Override
    public boolean servesInstances() {
        return true;
    }

    @Override
    public void declareFields(ClassVisitor cw) {
        cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, GATE_FIELD, "L" + GATE + ";", null, null).visitEnd();
    }

    /** {@code GATE = (CountingGate) <the proxy's gate>}. */
    @Override
    public void initialiseFields(MethodVisitor clinit, String self, Consumer<MethodVisitor> pushGate) {
        pushGate.accept(clinit);
        clinit.visitTypeInsn(CHECKCAST, GATE);
        clinit.visitFieldInsn(PUTSTATIC, self, GATE_FIELD, "L" + GATE + ";");
    }

    @Override
    public void pushTarget(MethodVisitor mv, String self) {
        mv.visitFieldInsn(GETSTATIC, self, GATE_FIELD, "L" + GATE + ";");
        mv.visitMethodInsn(INVOKEVIRTUAL, GATE, "target", "()Ljava/lang/Object;", false);
    }

    @Override
    public void body(MethodVisitor mv, String self, int firstFreeLocal, Type returns,
            Consumer<MethodVisitor> pushTarget, Consumer<MethodVisitor> call, Consumer<MethodVisitor> ret) {
        int slotLocal = firstFreeLocal;
        int resultLocal = slotLocal + 1;
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label handler = new Label();
        mv.visitFieldInsn(GETSTATIC, self, GATE_FIELD, "L" + GATE + ";");
        mv.visitMethodInsn(INVOKEVIRTUAL, GATE, "enter", "()L" + SLOT + ";", false);
        mv.visitVarInsn(ASTORE, slotLocal);
        mv.visitTryCatchBlock(tryStart, tryEnd, handler, null);
        mv.visitLabel(tryStart);
        pushTarget.accept(mv);
        call.accept(mv);
        mv.visitLabel(tryEnd);
        if (returns.getSort() != Type.VOID) {
            mv.visitVarInsn(returns.getOpcode(ISTORE), resultLocal);
        }
        mv.visitVarInsn(ALOAD, slotLocal);
        mv.visitMethodInsn(INVOKEVIRTUAL, SLOT, "exit", "()V", false);
        if (returns.getSort() != Type.VOID) {
            mv.visitVarInsn(returns.getOpcode(ILOAD), resultLocal);
        }
        ret.accept(mv);
        mv.visitLabel(handler); // finally, for anything thrown: count it, exit, then rethrow unchanged
        mv.visitVarInsn(ASTORE, resultLocal);
        mv.visitVarInsn(ALOAD, slotLocal);
        mv.visitVarInsn(ALOAD, resultLocal);
        mv.visitMethodInsn(INVOKEVIRTUAL, SLOT, "threw", "(Ljava/lang/Throwable;)V", false);
        mv.visitVarInsn(ALOAD, slotLocal);
        mv.visitMethodInsn(INVOKEVIRTUAL, SLOT, "exit", "()V", false);
        mv.visitVarInsn(ALOAD, resultLocal);
        mv.visitInsn(ATHROW);
    }
}
