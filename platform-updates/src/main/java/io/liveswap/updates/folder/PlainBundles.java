package io.liveswap.updates.folder;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.Reason;
import io.liveswap.api.UnitConstants;
import io.liveswap.updates.FolderEntryDTO;
import io.liveswap.updates.UpdateManager;
import io.liveswap.updates.UpdateRecordDTO;

/**
 * Plain bundles (no unit update) in the watched folder, installed, updated, started and uninstalled as FileInstall
 * would (location: the file's URI; a refresh after an update or an uninstall), except that the folder never
 * replaces or removes a protected bundle (see {@link ProtectedBundles}): a jar with the symbolic name of one is
 * refused, and removing the file of a bundle that has become a unit's API bundle or implementation keeps it.
 * Refusals are journaled once ({@link UpdateManager#refuse}). At start-up, the plain bundles whose files were removed
 * while the platform was stopped are uninstalled by the same rule ({@link #uninstallRemoved}).
 *
 * <p>Threading: FileInstall's watcher thread and the start-up pass (on the framework's event thread) call it; this
 * object's monitor serialises them, so that one bundle location is installed, updated or uninstalled at a time. Its
 * work is short: install, update or uninstall one bundle, and at most journal one refusal.
 */
final class PlainBundles {

    private static final Logger LOG = LoggerFactory.getLogger(PlainBundles.class);

    private final BundleContext context;
    private final ProtectedBundles protection;
    private final UpdateManager updates;

    PlainBundles(BundleContext context, ProtectedBundles protection, UpdateManager updates) {
        this.context = context;
        this.protection = protection;
        this.updates = updates;
    }

    /** Installs the file's bundle, or updates the one installed from it; or refuses it. */
    synchronized FolderEntryDTO install(Path file, FolderFile plain) {
        String location = file.toUri().toString();
        Bundle own = context.getBundle(location);
        String name = file.getFileName() + " (bundle " + plain.symbolicName() + " " + plain.version() + ")";
        for (Bundle other : context.getBundles()) {
            if (other.equals(own) || !plain.symbolicName().equals(other.getSymbolicName())) {
                continue;
            }
            Optional<String> why = protection.why(other, file.getParent());
            if (why.isPresent()) {
                return refused(file, plain, Reason.PROTECTED_BUNDLE, name + " has the symbolic name of installed"
                        + " bundle [" + other.getBundleId() + "] " + other.getSymbolicName() + " "
                        + other.getVersion() + ", " + why.get() + ": a plain bundle from the watched folder never"
                        + " replaces it or installs beside it. Remove the file; a unit changes through an update"
                        + " bundle (@UnitUpdate)");
            }
            if (other.getVersion().equals(plain.version())) {
                return refused(file, plain, Reason.DUPLICATE, name + " is the same bundle as [" + other.getBundleId()
                        + "], installed from " + other.getLocation() + ". Remove one of the two files");
            }
        }
        try {
            if (own == null) {
                try (InputStream in = Files.newInputStream(file)) {
                    own = context.installBundle(location, in);
                }
                LOG.info("Installed plain bundle [{}] {} {} from {}", own.getBundleId(), own.getSymbolicName(),
                        own.getVersion(), file);
            } else if (own.getLastModified() < Files.getLastModifiedTime(file).toMillis()) {
                Optional<String> role = protection.unitRole(own);
                if (role.isPresent()) {
                    return refused(file, plain, Reason.PROTECTED_BUNDLE, name + " changed, but its bundle ["
                            + own.getBundleId() + "] is " + role.get() + ": the watched folder never replaces it."
                            + " Put the file back as it was; a unit changes through an update bundle (@UnitUpdate)");
                }
                try (InputStream in = Files.newInputStream(file)) {
                    own.update(in);
                }
                refresh(own);
                LOG.info("Updated plain bundle [{}] {} {} from {}", own.getBundleId(), own.getSymbolicName(),
                        own.getVersion(), file);
            }
            return started(file, plain, own);
        } catch (IOException | BundleException | IllegalStateException e) {
            LOG.warn("Could not install plain bundle {}: {}", file, e.getMessage());
            return refused(file, plain, Reason.INSTALL_FAILED, name + " could not be installed: " + e.getMessage());
        }
    }

    private FolderEntryDTO started(Path file, FolderFile plain, Bundle bundle) {
        String detail = "bundle [" + bundle.getBundleId() + "] " + bundle.getSymbolicName() + " "
                + bundle.getVersion();
        if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) == null && bundle.getState() != Bundle.ACTIVE) {
            try {
                bundle.start();
            } catch (BundleException e) {
                LOG.warn("Plain bundle [{}] {} from {} did not start: {}", bundle.getBundleId(),
                        bundle.getSymbolicName(), file, e.getMessage());
                detail += ", installed but not started: " + e.getMessage();
            }
        }
        return entry(file, plain, FolderEntryDTO.PLAIN_BUNDLE, Reason.NONE, detail);
    }

    /** The file was removed: uninstalls its bundle, unless that is now a unit's API bundle or implementation. */
    synchronized void uninstall(Path file) {
        Bundle own = context.getBundle(file.toUri().toString());
        if (own == null) {
            return;
        }
        Optional<String> role = protection.unitRole(own);
        if (role.isPresent()) {
            updates.refuse(file.toString(), Reason.PROTECTED_BUNDLE, file.getFileName() + " was removed, but its"
                    + " bundle [" + own.getBundleId() + "] " + own.getSymbolicName() + " " + own.getVersion() + " is "
                    + role.get() + ": it stays installed, so that the unit keeps serving. Put the file back, or"
                    + " retire the unit first and then run uninstall " + own.getBundleId());
            return;
        }
        try {
            own.uninstall();
            refresh(own);
            LOG.info("Uninstalled plain bundle [{}] {} {}: {} was removed", own.getBundleId(),
                    own.getSymbolicName(), own.getVersion(), file);
        } catch (BundleException | IllegalStateException e) {
            LOG.warn("Could not uninstall plain bundle [{}] after {} was removed: {}", own.getBundleId(), file,
                    e.getMessage());
        }
    }

    /**
     * Uninstalls, by the rule of {@link #uninstall}, every plain bundle installed from a file in {@code folder} that
     * is no longer there (removed while the platform was stopped, so no one reported it). Update bundles (those that
     * declare a unit capability) are left to the start-up restore, which rolls back the updates whose files left.
     */
    synchronized void uninstallRemoved(Path folder) {
        for (Bundle bundle : context.getBundles()) {
            if (!ProtectedBundles.from(bundle, folder) || declaresUnit(bundle)) {
                continue;
            }
            Path file = Path.of(URI.create(bundle.getLocation()));
            if (!Files.exists(file)) {
                LOG.info("The file of plain bundle [{}] {} {} was removed while the platform was stopped: {}",
                        bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion(), file);
                uninstall(file);
            }
        }
    }

    private static boolean declaresUnit(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && !revision.getDeclaredCapabilities(UnitConstants.NAMESPACE).isEmpty();
    }

    private void refresh(Bundle bundle) {
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class)
                .refreshBundles(List.of(bundle));
    }

    private FolderEntryDTO refused(Path file, FolderFile plain, Reason reason, String message) {
        UpdateRecordDTO record = updates.refuse(file.toString(), reason, message);
        return entry(file, plain, FolderEntryDTO.REFUSED, reason, record.message);
    }

    private static FolderEntryDTO entry(Path file, FolderFile plain, String state, Reason reason, String detail) {
        FolderEntryDTO entry = new FolderEntryDTO();
        entry.file = file.toString();
        entry.state = state;
        entry.reason = reason;
        entry.version = plain.version().toString();
        entry.detail = detail;
        return entry;
    }
}
