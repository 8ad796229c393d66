/**
 * Updates of units from update bundles, in their one valid order.
 *
 * <p>An update bundle declares (with {@link io.liveswap.api.UnitUpdate}) the unit it updates, the version it brings
 * and the version it applies on top of. The {@link io.liveswap.updates.UpdateManager} applies it through the
 * mediator only when the unit is at exactly that version; an update that arrives before its predecessor waits as
 * pending and is applied as soon as the predecessor lands; duplicates, downgrades, unknown units and bundles that
 * cannot be read or resolved are refused with a message naming the cause and the remedy, and a code (an
 * {@link io.liveswap.api.Reason}). Every intent and outcome is written to a durable journal.
 */
@Export
@Version("1.4.0")
package io.liveswap.updates;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
