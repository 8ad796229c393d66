/**
 * State transfer between versions of a unit.
 *
 * <p><b>Automatic (no code).</b> An implementation that does not implement {@link StatefulUnit} has its state
 * carried by the platform, inside the update's pause, from the old version's objects to the new version's: fields
 * matched by name and compatible type (widening such as {@code int} to {@code long}, boxing), JDK values, arrays,
 * collections and maps copied deeply, objects of the unit's own classes re-created from the new version's classes
 * of the same name (or the {@link FormerName} a renamed class declares), cycles and shared references kept. Fields
 * the new version adds keep what its constructor and initialisers gave them; fields it drops are reported.
 * {@link Transient} fields (and Java {@code transient} ones), threads, executors, locks, open resources, loggers,
 * framework objects and references to other services never cross: the new version's activation makes its own.
 * {@link Derive} and {@link Restore} hooks fill a field from other fields where names and types alone cannot. What
 * cannot be carried safely is refused, naming the field and the fix.
 *
 * <p><b>Hand-written.</b> A {@link StatefulUnit} exports and imports a neutral value graph: {@code Map<String,
 * Object>} whose values are {@code null}, {@code String}, {@code Boolean}, {@code Character}, boxed primitive
 * numbers, {@code BigInteger}, {@code BigDecimal}, {@code byte[]}, {@code List}s and {@code Map}s with
 * {@code String} keys of these. The platform validates and deep-copies every graph it passes on. Its shape is named by
 * {@link StateFormat}; a change of shape needs a {@link StateTransformer}.
 */
@Export
@Version("1.1.0")
package io.liveswap.state;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
