/**
 * Service provider interface between the translation table (platform core) and the mediators: control over one
 * unit's gate, quiescence and target. Not for application code.
 */
@Export
@Version("1.2.0")
package io.liveswap.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
