package io.liveswap.state;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a class of a unit's new version: the names its objects had in earlier versions, for automatic state transfer.
 * An object of a class named here is re-created as an object of this class (fields matched by name and type, as
 * for a class that kept its name). Several names merge several old classes into this one.
 *
 * <pre>
 * &#64;FormerName("com.example.shelf.Item")
 * final class StockItem { ... }
 * </pre>
 *
 * <p>A rollback maps this class back to the class the older version has under one of these names.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FormerName {

    /** @return fully qualified names of the class in earlier versions */
    String[] value();
}
