package io.liveswap.core.quiescence;

import java.util.function.Consumer;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

import io.liveswap.spi.QuiescenceMode;

/**
 * One quiescence mode, the one place that decides it: the {@link Gate} a unit's proxy gets, and the bytecode the
 * proxy generator writes for each forwarded method (enter the gate, read the target, call it, exit). Stateless;
 * one instance per mode, registered in {@link CallPaths}.
 *
 * <p>A new mode is a {@link Gate}, a class implementing this interface, one line in {@link CallPaths} and a
 * constant of {@link QuiescenceMode}. What a mode writes here runs on every call through the unit: keep it to the
 * minimum the mode's protocol needs (the measured budgets are in BENCHMARKS.md).
 */
public interface CallPath {

    /** @return the mode this call path implements */
    QuiescenceMode mode();

    /**
     * Makes the gate of one proxy of a unit.
     *
     * @param unit the unit name, for messages
     * @param proxy the proxy the gate serves
     * @throws IllegalArgumentException naming the cause and the remedy, if the mode cannot serve here
     */
    Gate gate(String unit, ProxySite proxy);

    /** @return whether the proxies of a multi-instance unit's instances can use this mode */
    boolean servesInstances();

    /** Declares the static fields the call path reads (private, static, final). */
    void declareFields(ClassVisitor cw);

    /**
     * Writes the static initialiser's part that sets those fields.
     *
     * @param clinit the static initialiser
     * @param self the internal name of the generated class
     * @param pushGate writes code that pushes this proxy's gate (as {@code Object}) on the stack
     */
    void initialiseFields(MethodVisitor clinit, String self, Consumer<MethodVisitor> pushGate);

    /** Writes code that pushes the unit's current target (as {@code Object}) on the stack. */
    void pushTarget(MethodVisitor mv, String self);

    /**
     * Writes the whole body of one forwarded method, from entering the gate to returning or rethrowing.
     *
     * @param mv the method, after {@code visitCode()}
     * @param self the internal name of the generated class
     * @param firstFreeLocal the first local variable slot after {@code this} and the arguments
     * @param returns the method's return type
     * @param pushTarget writes code that pushes the call's target (as {@code Object}): {@link #pushTarget}, or an
     *        instance's own target in an instance proxy
     * @param call writes code that casts the target on the stack, pushes the arguments and invokes the method,
     *        leaving its result (if any) on the stack
     * @param ret writes code that returns the result on the stack (nothing for {@code void}): the plain return
     *        instruction, or, where the proxy can be the result, one that returns the proxy in place of a target
     *        that returned itself. The body writes it after the gate's exit, in place of its own return
     *        instruction; it may compare and branch but leaves nothing to fall through to
     */
    void body(MethodVisitor mv, String self, int firstFreeLocal, Type returns, Consumer<MethodVisitor> pushTarget,
            Consumer<MethodVisitor> call, Consumer<MethodVisitor> ret);
}
