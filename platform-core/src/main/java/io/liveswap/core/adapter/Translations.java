package io.liveswap.core.adapter;

import java.lang.reflect.Constructor;
import java.util.List;

import io.liveswap.core.generation.FrontLoader;

/**
 * The cold path of a translated exception: an adapter's calls class catches a checked exception the new version
 * declares and its face does not, and throws what {@code @TranslatesException} names instead, with the original as
 * its cause. Runs only when the implementation throws; the call path itself never reaches this class.
 */
public final class Translations {

    /** One translation: an exception of type {@code from} becomes a new {@code to}. */
    record Translation(Class<?> from, Class<? extends Throwable> to) {
    }

    private Translations() {
    }

    /**
     * @param calls the adapter's calls class, whose loader holds the translations of each method
     * @param method the index of the method that threw
     * @param thrown what the implementation threw
     * @return the translated exception (or {@code thrown} itself if no translation applies, which the generated
     *         handlers never ask for)
     */
    public static Throwable translate(Class<?> calls, int method, Throwable thrown) {
        @SuppressWarnings("unchecked")
        List<List<Translation>> all = (List<List<Translation>>) FrontLoader.attachment(calls);
        for (Translation translation : all.get(method)) {
            if (translation.from().isInstance(thrown)) {
                return create(translation.to(), thrown);
            }
        }
        return thrown;
    }

    private static Throwable create(Class<? extends Throwable> type, Throwable cause) {
        try {
            Constructor<? extends Throwable> withCause = type.getConstructor(String.class, Throwable.class);
            return withCause.newInstance(cause.getMessage(), cause);
        } catch (NoSuchMethodException noSuchConstructor) {
            try {
                Throwable made = type.getConstructor(String.class).newInstance(cause.getMessage());
                made.initCause(cause);
                return made;
            } catch (ReflectiveOperationException | IllegalStateException e) {
                IllegalStateException failed = new IllegalStateException("Cannot translate " + cause + " to "
                        + type.getName() + ": " + e, cause);
                return failed;
            }
        } catch (ReflectiveOperationException e) {
            return new IllegalStateException("Cannot translate " + cause + " to " + type.getName() + ": " + e,
                    cause);
        }
    }

    /** Whether {@code type} can be made by {@link #create}: a public (String, Throwable) or (String) constructor. */
    static boolean constructible(Class<?> type) {
        for (Class<?>[] parameters : List.of(new Class<?>[] {String.class, Throwable.class},
                new Class<?>[] {String.class})) {
            try {
                type.getConstructor(parameters);
                return true;
            } catch (NoSuchMethodException notThis) {
                // try the next shape
            }
        }
        return false;
    }
}
