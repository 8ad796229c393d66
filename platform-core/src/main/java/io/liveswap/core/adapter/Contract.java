package io.liveswap.core.adapter;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.liveswap.api.TranslatesException;

/**
 * Compares a face method (as old consumers were compiled against it) with its counterpart in the new version's
 * interfaces: same name and parameter classes, a return type the face's can hold, the same generic signature
 * (type arguments of parameters and of the return type), and no checked exception the face method does not declare
 * unless the implementation class translates it ({@link TranslatesException}). Exceptions compare by class
 * identity: a checked exception class of a newer copy of the API package is another class than the older copy's of
 * the same name, and an old consumer's {@code catch} would not catch it.
 */
final class Contract {

    /** A counterpart, or why there is none. */
    record Match(Method method, String problem) {
    }

    private final List<TranslatesException> translations;
    private final String implementationName;

    /** @param implementationClass whose annotations translate exceptions, or {@code null} */
    Contract(Class<?> implementationClass) {
        this.translations = implementationClass == null ? List.of()
                : List.of(implementationClass.getAnnotationsByType(TranslatesException.class));
        this.implementationName = implementationClass == null ? "the implementation class"
                : implementationClass.getName();
    }

    Match counterpart(Method wanted, List<Class<?>> implementation) {
        Type returns = wanted.getGenericReturnType();
        String problem = describe(wanted) + " : "
                + (returns instanceof Class<?> raw ? raw.getSimpleName() : returns.getTypeName());
        for (Class<?> type : implementation) {
            Method candidate;
            try {
                candidate = type.getMethod(wanted.getName(), wanted.getParameterTypes());
            } catch (NoSuchMethodException notHere) {
                continue;
            }
            if (!wanted.getReturnType().isAssignableFrom(candidate.getReturnType())) {
                continue;
            }
            String generic = genericDifference(wanted, candidate);
            if (generic == null) {
                return new Match(candidate, null);
            }
            problem += " (" + generic + ")";
        }
        return new Match(null, problem);
    }

    /** @return what differs in the generic signatures, or {@code null} if the face's consumers can take it */
    private static String genericDifference(Method wanted, Method candidate) {
        Type[] was = wanted.getGenericParameterTypes();
        Type[] now = candidate.getGenericParameterTypes();
        for (int i = 0; i < was.length; i++) {
            if (!was[i].getTypeName().equals(now[i].getTypeName())) {
                return "the new version's parameter " + (i + 1) + " is " + now[i].getTypeName();
            }
        }
        Type returnWas = wanted.getGenericReturnType();
        Type returnNow = candidate.getGenericReturnType();
        if (returnWas.getTypeName().equals(returnNow.getTypeName()) || returnWas instanceof Class<?>) {
            return null;
        }
        if (returnWas instanceof ParameterizedType p && returnNow instanceof ParameterizedType q
                && Arrays.equals(names(p.getActualTypeArguments()), names(q.getActualTypeArguments()))) {
            return null; // a covariant raw type with the same type arguments
        }
        return "the new version returns " + returnNow.getTypeName();
    }

    private static String[] names(Type[] types) {
        return Arrays.stream(types).map(Type::getTypeName).toArray(String[]::new);
    }

    /**
     * The checked exceptions {@code candidate} declares that {@code wanted}'s consumers do not expect: each is
     * translated (added to {@code translated}) or described in the result.
     */
    List<String> exceptions(Method wanted, Method candidate, List<Translations.Translation> translated) {
        List<String> undeclared = new ArrayList<>();
        for (Class<?> thrown : candidate.getExceptionTypes()) {
            if (unchecked(thrown) || declares(wanted, thrown)) {
                continue;
            }
            TranslatesException translation = translations.stream().filter(t -> t.from().isAssignableFrom(thrown))
                    .findFirst().orElse(null);
            if (translation == null) {
                undeclared.add(describe(wanted) + ": the new version's " + candidate.getName() + " declares "
                        + thrown.getName() + ", which the older interface's does not (it declares "
                        + declared(wanted) + sameName(wanted, thrown) + "); map it with @TranslatesException(from = "
                        + thrown.getSimpleName() + ".class, to = <an unchecked exception>) on "
                        + implementationName + ", or catch it in the new version");
            } else if (!unchecked(translation.to()) && !declares(wanted, translation.to())) {
                undeclared.add(describe(wanted) + ": @TranslatesException on " + implementationName + " maps "
                        + thrown.getName() + " to " + translation.to().getName() + ", which the older interface's "
                        + wanted.getName() + " does not declare either (it declares " + declared(wanted)
                        + "); translate to an unchecked exception");
            } else if (!Translations.constructible(translation.to())) {
                undeclared.add(describe(wanted) + ": @TranslatesException on " + implementationName + " maps "
                        + thrown.getName() + " to " + translation.to().getName() + ", which has no public (String,"
                        + " Throwable) or (String) constructor");
            } else {
                translated.add(new Translations.Translation(thrown, translation.to()));
            }
        }
        return undeclared;
    }

    private static boolean unchecked(Class<?> type) {
        return RuntimeException.class.isAssignableFrom(type) || Error.class.isAssignableFrom(type);
    }

    private static boolean declares(Method m, Class<?> thrown) {
        return Arrays.stream(m.getExceptionTypes()).anyMatch(declared -> declared.isAssignableFrom(thrown));
    }

    private static String declared(Method m) {
        return m.getExceptionTypes().length == 0 ? "none"
                : Arrays.stream(m.getExceptionTypes()).map(Class::getName).collect(Collectors.joining(", "));
    }

    /** A note when the face declares a class of the same name: another copy of it. */
    private static String sameName(Method m, Class<?> thrown) {
        return Arrays.stream(m.getExceptionTypes()).anyMatch(d -> d.getName().equals(thrown.getName()))
                ? ", but from another copy of its package: an old consumer's catch would not catch the new one"
                : "";
    }

    static String describe(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName() + Arrays.stream(m.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }
}
