package io.liveswap.updates.folder;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;

import io.liveswap.api.TranslationTable;
import io.liveswap.api.UnitDTO;
import io.liveswap.spi.UnitControl;
import io.liveswap.spi.UnitControls;

/**
 * Which installed bundles the watched folder must never replace or remove: platform bundles (every bundle the
 * runtime was started with or that did not come from the folder), a unit's API bundles (those exporting the
 * package of a unit's interface) and a unit's implementations (current or candidate). Asked fresh every time:
 * what is protected changes as units come and go.
 */
final class ProtectedBundles {

    /** Packages of the platform's own interfaces a unit may implement (they say nothing of its API bundle). */
    private static final java.util.Set<String> PLATFORM_PACKAGES = java.util.Set.of("io.liveswap.api",
            "io.liveswap.state", "io.liveswap.factory", "io.liveswap.interpose");

    private final TranslationTable table;
    private final UnitControls controls;

    ProtectedBundles(TranslationTable table, UnitControls controls) {
        this.table = table;
        this.controls = controls;
    }

    /**
     * @param folder the watched folder the plain bundle comes from
     * @return why {@code bundle} is protected, e.g. "the API bundle of unit 'notebook'"; empty if it is not
     */
    Optional<String> why(Bundle bundle, Path folder) {
        Optional<String> role = unitRole(bundle);
        if (role.isPresent() || from(bundle, folder)) {
            return role;
        }
        return Optional.of("a platform bundle (installed from " + bundle.getLocation() + ", not from the watched"
                + " folder)");
    }

    /** @return "the implementation of unit 'x'" or "the API bundle of unit 'x' (package p)"; empty for neither */
    Optional<String> unitRole(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        for (UnitDTO unit : table.units()) {
            UnitControl control;
            try {
                control = controls.control(unit.name);
            } catch (IllegalArgumentException gone) {
                continue;
            }
            if (bundleOf(control.implementationReference()) == bundle) {
                return Optional.of("the running implementation of unit '" + unit.name + "'");
            }
            for (ServiceReference<?> candidate : control.candidates()) {
                if (bundleOf(candidate) == bundle) {
                    return Optional.of("an implementation of unit '" + unit.name + "'");
                }
            }
            if (wiring == null) {
                continue;
            }
            for (String type : unit.interfaces) {
                int dot = type.lastIndexOf('.');
                String pkg = dot < 0 ? "" : type.substring(0, dot);
                if (!PLATFORM_PACKAGES.contains(pkg) && exports(wiring, pkg)) {
                    return Optional.of("the API bundle of unit '" + unit.name + "' (it exports " + pkg + ")");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean exports(BundleWiring wiring, String pkg) {
        for (BundleCapability capability : wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
            if (pkg.equals(capability.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                return true;
            }
        }
        return false;
    }

    private static Bundle bundleOf(ServiceReference<?> reference) {
        return reference == null ? null : reference.getBundle();
    }

    /** Whether the bundle was installed from a file in this folder. */
    static boolean from(Bundle bundle, Path folder) {
        String location = bundle.getLocation();
        if (folder == null || location == null || !location.startsWith("file:")) {
            return false;
        }
        try {
            Path file = Path.of(URI.create(location)).toAbsolutePath().normalize();
            return folder.toAbsolutePath().normalize().equals(file.getParent());
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException notAFile) {
            return false;
        }
    }
}
