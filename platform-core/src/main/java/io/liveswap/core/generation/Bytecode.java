package io.liveswap.core.generation;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ACC_SYNTHETIC;
import static org.objectweb.asm.Opcodes.ACONST_NULL;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ARETURN;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.IF_ACMPNE;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.POP;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V17;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/** Bytecode idioms of the generated fronts: class skeleton, argument loading, boxing, the self-return check. */
public final class Bytecode {

    public static final Type OBJECT = Type.getType(Object.class);

    private Bytecode() {
    }

    /** A public final class with the given interfaces, its frames computed. */
    public static ClassWriter startClass(String self, List<String> interfaces) {
        return startClass(self, "java/lang/Object", interfaces);
    }

    /** A public final subclass of {@code superName} with the given interfaces, its frames computed. */
    public static ClassWriter startClass(String self, String superName, List<String> interfaces) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object"; // generated fronts never merge two different reference types
            }
        };
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC, self, null, superName,
                interfaces.toArray(String[]::new));
        return cw;
    }

    /** Internal names of the interfaces. */
    public static List<String> internalNames(List<Class<?>> interfaces) {
        return interfaces.stream().map(Type::getInternalName).toList();
    }

    /** The exceptions {@code m} declares, as internal names, or {@code null} for none. */
    public static String[] exceptions(Method m) {
        return m.getExceptionTypes().length == 0 ? null
                : Arrays.stream(m.getExceptionTypes()).map(Type::getInternalName).toArray(String[]::new);
    }

    /** Loads the arguments of {@code desc} from local {@code first} on. @return the first local after them */
    public static int loadArguments(MethodVisitor mv, String desc, int first) {
        int slot = first;
        for (Type arg : Type.getArgumentTypes(desc)) {
            mv.visitVarInsn(arg.getOpcode(ILOAD), slot);
            slot += arg.getSize();
        }
        return slot;
    }

    /** The first local after {@code this} and the arguments of {@code desc}. */
    public static int firstFreeLocal(String desc) {
        return loadSize(desc) + 1;
    }

    private static int loadSize(String desc) {
        return Arrays.stream(Type.getArgumentTypes(desc)).mapToInt(Type::getSize).sum();
    }

    /** A reference type is carried as {@code Object}; primitives as themselves. */
    public static Type erased(Type type) {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY ? OBJECT : type;
    }

    /** Casts the {@code Object} on the stack to {@code type} (nothing for {@code Object} and primitives). */
    public static void cast(MethodVisitor mv, Type type) {
        if ((type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY) && !type.equals(OBJECT)) {
            mv.visitTypeInsn(CHECKCAST, type.getSort() == Type.ARRAY ? type.getDescriptor()
                    : type.getInternalName());
        }
    }

    /** Boxes the value of {@code type} on the stack ({@code void}: pushes {@code null}). */
    public static void box(MethodVisitor mv, Type type) {
        if (type.getSort() == Type.VOID) {
            mv.visitInsn(ACONST_NULL);
            return;
        }
        Type boxed = boxed(type);
        if (boxed != null) {
            mv.visitMethodInsn(INVOKESTATIC, boxed.getInternalName(), "valueOf",
                    "(" + type.getDescriptor() + ")" + boxed.getDescriptor(), false);
        }
    }

    /** Turns the {@code Object} on the stack into a value of {@code type} ({@code void}: pops it). */
    public static void unbox(MethodVisitor mv, Type type) {
        if (type.getSort() == Type.VOID) {
            mv.visitInsn(POP);
            return;
        }
        Type boxed = boxed(type);
        if (boxed == null) {
            cast(mv, type);
            return;
        }
        mv.visitTypeInsn(CHECKCAST, boxed.getInternalName());
        mv.visitMethodInsn(INVOKEVIRTUAL, boxed.getInternalName(), type.getClassName() + "Value",
                "()" + type.getDescriptor(), false);
    }

    private static Type boxed(Type primitive) {
        return switch (primitive.getSort()) {
            case Type.BOOLEAN -> Type.getType(Boolean.class);
            case Type.CHAR -> Type.getType(Character.class);
            case Type.BYTE -> Type.getType(Byte.class);
            case Type.SHORT -> Type.getType(Short.class);
            case Type.INT -> Type.getType(Integer.class);
            case Type.FLOAT -> Type.getType(Float.class);
            case Type.LONG -> Type.getType(Long.class);
            case Type.DOUBLE -> Type.getType(Double.class);
            default -> null;
        };
    }

    /** Returns the value of {@code type} on the stack. */
    public static void returnValue(MethodVisitor mv, Type type) {
        mv.visitInsn(type.getSort() == Type.VOID ? RETURN : type.getOpcode(IRETURN));
    }

    /** Keeps a copy of the reference on the stack in local {@code local}. */
    public static void keep(MethodVisitor mv, int local) {
        mv.visitInsn(DUP);
        mv.visitVarInsn(ASTORE, local);
    }

    /**
     * Returns the result on the stack, or {@code this} if the result is the object in local {@code targetLocal}
     * (a fluent {@code return this} of the target stays behind the front). Two returns, so that no frame merges
     * the front's type with the result's.
     */
    public static void returnSelfFor(MethodVisitor mv, int targetLocal) {
        Label other = new Label();
        mv.visitInsn(DUP);
        mv.visitVarInsn(ALOAD, targetLocal);
        mv.visitJumpInsn(IF_ACMPNE, other);
        mv.visitInsn(POP);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitInsn(ARETURN);
        mv.visitLabel(other);
        mv.visitInsn(ARETURN);
    }

    /**
     * Whether a front implementing {@code interfaces} is a valid result of {@code m}: its return type is
     * assignable from one of them (never for primitives, arrays and {@code void}).
     */
    public static boolean canReturnFront(Method m, List<Class<?>> interfaces) {
        Class<?> returns = m.getReturnType();
        if (returns.isPrimitive() || returns.isArray()) {
            return false;
        }
        return interfaces.stream().anyMatch(returns::isAssignableFrom);
    }

    /**
     * {@code equals}, {@code hashCode} and {@code toString} that reach the object in field {@code field} of type
     * {@code Object} directly.
     */
    public static void objectMethodsTo(ClassWriter cw, String self, String field) {
        String[][] methods = {{"equals", "(Ljava/lang/Object;)Z"}, {"hashCode", "()I"},
            {"toString", "()Ljava/lang/String;"}};
        for (String[] m : methods) {
            MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, m[0], m[1], null, null);
            mv.visitCode();
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(org.objectweb.asm.Opcodes.GETFIELD, self, field, OBJECT.getDescriptor());
            loadArguments(mv, m[1], 1);
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Object", m[0], m[1], false);
            returnValue(mv, Type.getReturnType(m[1]));
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
    }
}
