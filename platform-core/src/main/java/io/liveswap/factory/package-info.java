/**
 * Multi-instance units: a unit whose implementation is a factory of many live objects (sessions, connections,
 * process control blocks).
 *
 * <p>A version of such a unit registers an {@link io.liveswap.factory.InstanceFactory} service with
 * {@code liveswap.unit=<name>}. Consumers get the unit's proxy of that service; every object its
 * {@code create} returns is a proxy too, tracked weakly by the platform, and an update moves every live instance to
 * the new version with its own state, eagerly or on its next call.
 */
@Export
@Version("1.0.0")
package io.liveswap.factory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
