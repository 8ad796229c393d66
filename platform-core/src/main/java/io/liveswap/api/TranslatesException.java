package io.liveswap.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps a checked exception of a new interface version to the contract of an older one. Put it on the
 * implementation class of a unit version whose interface methods declare a checked exception that consumers
 * compiled against an older copy of the interface do not expect.
 *
 * <p>Without it such an update is refused before the pause ({@link Reason#UNDECLARED_EXCEPTION}): an old consumer
 * would receive an exception its interface does not declare. With it, the adapter that serves those consumers
 * throws a new {@link #to()} instead, with the original exception as its cause and its message; consumers of the new
 * interface still receive the original. For example, {@code start()} of interface 2.0 declares
 * {@code throws StartFailedException} and 1.0 declared nothing:
 *
 * <pre>
 * &#64;TranslatesException(from = StartFailedException.class, to = IllegalStateException.class)
 * public class ProcessV3 implements Process { ... }
 * </pre>
 *
 * <p>{@link #to()} must be unchecked, or a type the old method declares (or a subtype of one), and have a public
 * {@code (String, Throwable)} or {@code (String)} constructor; otherwise the update is refused with the same code.
 * A translation covers every method of the older interface that would otherwise receive {@link #from()} (or a
 * subtype); the first matching annotation wins.
 *
 * <p><b>Lifecycle.</b> Read from the implementation class when the update is checked (the dry run, and before the
 * pause of the swap) and again each time the unit is re-pointed; the adapter's generated code catches exactly the
 * mapped exception types around the one call that declares them, so calls that do not throw pay nothing for it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(TranslatesException.List.class)
public @interface TranslatesException {

    /** @return the checked exception type, as the new interface declares it (or a supertype of it) */
    Class<? extends Exception> from();

    /** @return what consumers of an older interface receive instead */
    Class<? extends Throwable> to();

    /** Several translations on one class. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {

        /** @return the translations, first match wins */
        TranslatesException[] value();
    }
}
