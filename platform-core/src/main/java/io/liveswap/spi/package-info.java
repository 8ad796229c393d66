/**
 * Service provider interface between the translation table (platform core) and the platform's other bundles:
 * control over one unit's gate, quiescence and target ({@link io.liveswap.spi.UnitControl}), the plain-OSGi update
 * whiteboard and the quiescence modes.
 *
 * <p><b>Who may use it.</b> Only the Liveswap platform's own bundles: the mediators
 * ({@code io.liveswap.platform.mediators}) and the updates ({@code io.liveswap.platform.updates}), and the
 * platform's integration tests and benchmark harnesses. Units, consumers and other application bundles must not:
 * driving a unit's gate by hand bypasses the mediators' protocol and can lose calls or state.
 *
 * <p><b>Not importable by accident.</b> The package is exported with the mandatory attribute
 * {@code liveswap.spi=platform}: an ordinary {@code Import-Package: io.liveswap.spi} does not resolve against it.
 * A platform bundle imports it with the attribute, in its {@code bnd.bnd}:
 * {@code Import-Package: io.liveswap.spi;liveswap.spi=platform, *}.
 *
 * <p>2.1.0: {@link io.liveswap.spi.IncompatibleInterfaceException} (the code of an interface-change refusal).
 *
 * <p>2.0.0: the crash-test hook {@code CrashPoints} left this package (removing a type is a major change).
 */
@Export(attribute = {"liveswap.spi=platform", "mandatory:=liveswap.spi"})
@Version("2.1.0")
package io.liveswap.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
