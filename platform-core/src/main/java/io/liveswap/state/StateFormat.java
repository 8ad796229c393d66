package io.liveswap.state;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the shape of the state a {@link StatefulUnit} exports and imports, so that the platform never hands a
 * version state in a shape it does not read. Put it on the implementation class (or a base class: it is inherited),
 * and on the class of a multi-instance unit's instances.
 *
 * <pre>
 * &#64;StateFormat("notebook.notes/1")
 * public class ListNotebook implements Notebook, StatefulUnit { ... }
 * </pre>
 *
 * <p><b>Protocol.</b> Before an update's pause the platform compares the formats of the running version and of the
 * new one. Equal formats: the state passes as exported (through any {@link StateTransformer}s registered for the
 * range). Different formats: a chain of {@code StateTransformer}s must link the two versions, else the update is
 * refused ({@code Reason.STATE_FORMAT_CHANGED}) and the running version keeps serving. A class without this
 * annotation has the format of its unit version: every update to another version needs a transformer chain. Change
 * the value whenever {@code exportState}'s shape changes; keep it when only code changes.
 *
 * <p>Implementations that do not implement {@link StatefulUnit} need no format: their fields are carried
 * automatically (see the package documentation).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StateFormat {

    /** @return the format's identifier, e.g. {@code "notebook.notes/1"}; compared as a string */
    String value();
}
