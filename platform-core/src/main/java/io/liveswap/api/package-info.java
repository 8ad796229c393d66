/**
 * Liveswap platform API: updatable units and the translation table.
 *
 * <p>An <em>updatable unit</em> is a named service implemented by a bundle. An implementation bundle offers a unit by
 * registering its service with the property {@value io.liveswap.api.UnitConstants#UNIT} (the {@link Unit}
 * component property annotation does this for DS components). The platform registers one stable proxy per unit
 * under the unit's service interfaces and hides the raw implementation services from every other bundle, so plain
 * consumers bind to the proxy and keep it across every update of the unit.
 *
 * <p>Service API packages of units must live in bundles that implementation updates never replace; consumers must
 * never import packages from an implementation bundle.
 */
@Export
@Version("1.4.0")
package io.liveswap.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
