/**
 * State transfer between versions of a unit.
 *
 * <p>Both versions of a unit are loaded at once and their classes differ, so state crosses between them only as a
 * neutral value graph: {@code Map<String, Object>} whose values are {@code null}, {@code String}, {@code Boolean},
 * {@code Character}, boxed primitive numbers, {@code BigInteger}, {@code BigDecimal}, {@code byte[]}, {@code List}s
 * and {@code Map}s with {@code String} keys of these. The platform validates and deep-copies every graph it passes on.
 */
@Export
@Version("1.0.0")
package io.liveswap.state;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
