package io.liveswap.updates.folder;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.Reason;
import io.liveswap.api.TranslationTable;
import io.liveswap.spi.UnitControls;
import io.liveswap.updates.DeployFolder;
import io.liveswap.updates.FolderEntryDTO;
import io.liveswap.updates.UpdateManager;

/**
 * FileInstall's installer for every jar in the watched folder, so that FileInstall itself installs none: update
 * bundles go to the update manager; plain bundles are installed as FileInstall would, but never over a platform
 * bundle, a unit's API bundle or a unit's implementation ({@link PlainBundles}); a jar still being copied is
 * waited for, with one log line, and read again when it changes; a jar that is no bundle is ignored, with one log
 * line. Deleting the file of a unit's newest update rolls the unit back; deleting a pending update's file
 * withdraws it; deleting a plain bundle's file uninstalls it, also while the platform is stopped (a start-up pass,
 * once the framework has reached its start level, uninstalls the plain bundles whose files are gone). It also
 * answers what it made of every file.
 *
 * <p>Protocol: FileInstall calls install, update and uninstall from its watcher thread, one file at a time; the
 * start-up pass runs on the framework's event thread, and {@link PlainBundles} serialises it with the watcher's
 * plain-bundle work. The listing reads {@link #handled} (a concurrent map of immutable entries) from any thread.
 */
@Component(service = {ArtifactInstaller.class, DeployFolder.class})
public final class DeployFolderInstaller implements ArtifactInstaller, DeployFolder {

    private static final Logger LOG = LoggerFactory.getLogger(DeployFolderInstaller.class);

    private final UpdateManager updates;
    private final PlainBundles plain;
    private final TranslationTable table;
    private final Path configuredFolder;
    /** What the last report of each file made of it. */
    private final Map<Path, Handled> handled = new ConcurrentHashMap<>();
    /** The start-up pass over plain bundles whose files were removed while the platform was stopped. */
    private final OnceStarted removedWhileStopped;

    /** What a file was taken for: its kind, and for plain bundles and unusable files the entry to list. */
    private record Handled(FolderFile.Kind kind, FolderEntryDTO entry) {
    }

    @Activate
    public DeployFolderInstaller(BundleContext context, @Reference UpdateManager updates,
            @Reference TranslationTable table, @Reference UnitControls controls) {
        this.updates = updates;
        this.table = table;
        this.plain = new PlainBundles(context, new ProtectedBundles(table, controls), updates);
        String folder = context.getProperty("felix.fileinstall.dir");
        this.configuredFolder = folder == null ? null : Path.of(folder).toAbsolutePath().normalize();
        this.removedWhileStopped = new OnceStarted(context, this::uninstallRemoved);
        if (configuredFolder != null) {
            removedWhileStopped.start();
        }
    }

    @Deactivate
    void deactivate() {
        removedWhileStopped.stop();
    }

    private void uninstallRemoved() {
        try {
            plain.uninstallRemoved(configuredFolder);
        } catch (IllegalStateException stopping) {
            LOG.debug("The platform stopped during the start-up pass over removed plain bundles: {}",
                    stopping.getMessage());
        }
    }

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".jar");
    }

    @Override
    public void install(File artifact) {
        handle(path(artifact));
    }

    @Override
    public void update(File artifact) {
        handle(path(artifact));
    }

    private void handle(Path file) {
        FolderFile read = FolderFile.of(file);
        Handled before = handled.get(file);
        switch (read.kind()) {
            case COPYING -> {
                if (before == null || before.kind() != FolderFile.Kind.COPYING) {
                    LOG.info("Waiting for a complete file: {} ({} bytes so far); it is read again when it changes",
                            file, size(file));
                }
                handled.put(file, new Handled(read.kind(), entry(file, FolderEntryDTO.COPYING, Reason.INCOMPLETE,
                        "being copied: " + read.problem())));
            }
            case NOT_A_BUNDLE -> {
                if (before == null || before.kind() != FolderFile.Kind.NOT_A_BUNDLE) {
                    LOG.warn("Ignoring {}: {}", file, read.problem());
                }
                handled.put(file, new Handled(read.kind(), entry(file, FolderEntryDTO.REFUSED, Reason.NOT_A_BUNDLE,
                        read.problem())));
            }
            case PLAIN -> handled.put(file, new Handled(read.kind(), plain.install(file, read)));
            default -> {
                handled.put(file, new Handled(read.kind(), null));
                updates.offer(file.toString());
            }
        }
    }

    @Override
    public void uninstall(File artifact) {
        Path file = path(artifact);
        Handled was = handled.remove(file);
        if (was == null || was.kind() == FolderFile.Kind.UPDATE) {
            updates.withdraw(file.toString());
        } else if (was.kind() == FolderFile.Kind.PLAIN) {
            plain.uninstall(file);
        }
    }

    @Override
    public List<FolderEntryDTO> entries() {
        Set<Path> folders = new java.util.TreeSet<>();
        if (configuredFolder != null) {
            folders.add(configuredFolder);
        }
        handled.keySet().forEach(file -> folders.add(file.getParent()));
        Map<Path, FolderEntryDTO> listed = new java.util.HashMap<>();
        handled.forEach((file, h) -> {
            if (h.entry() != null) {
                listed.put(file, h.entry());
            }
        });
        return new FolderListing(updates, table).list(folders, handled.keySet(), listed);
    }

    private static Path path(File artifact) {
        return artifact.toPath().toAbsolutePath().normalize();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return 0;
        }
    }

    static FolderEntryDTO entry(Path file, String state, Reason reason, String detail) {
        FolderEntryDTO entry = new FolderEntryDTO();
        entry.file = file.toString();
        entry.state = state;
        entry.reason = reason;
        entry.detail = detail;
        return entry;
    }
}
