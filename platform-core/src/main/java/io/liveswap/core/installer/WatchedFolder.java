package io.liveswap.core.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the folder FileInstall watches ({@code felix.fileinstall.dir}) when it is missing: FileInstall only
 * complains about a missing folder and keeps polling, so creating it is enough for the watch to start.
 */
@Component(immediate = true, service = WatchedFolder.class)
public final class WatchedFolder {

    static final String DIR_PROPERTY = "felix.fileinstall.dir";
    private static final Logger LOG = LoggerFactory.getLogger(WatchedFolder.class);

    private final Path folder;

    @Activate
    public WatchedFolder(BundleContext context) throws IOException {
        String configured = context.getProperty(DIR_PROPERTY);
        this.folder = configured == null ? null : Path.of(configured).toAbsolutePath();
        if (folder != null && !Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            LOG.info("Created the watched folder {}", folder);
        }
        if (folder != null) {
            LOG.info("Watching {} for update bundles", folder);
            warnIfOthersCanWrite(folder);
        }
    }

    private static void warnIfOthersCanWrite(Path folder) {
        othersCanWrite(folder).ifPresent(permissions -> LOG.warn("The watched folder {} is writable by other users"
                + " ({}): whoever can write a jar there runs code in this platform. Run chmod go-w {}", folder,
                permissions, folder));
    }

    /** The folder's permissions when users other than its owner may write to it; empty otherwise or unknown. */
    static Optional<String> othersCanWrite(Path folder) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
            if (permissions.contains(PosixFilePermission.OTHERS_WRITE)
                    || permissions.contains(PosixFilePermission.GROUP_WRITE)) {
                return Optional.of(PosixFilePermissions.toString(permissions));
            }
        } catch (IOException | UnsupportedOperationException notPosix) {
            LOG.debug("Cannot read the permissions of {}: {}", folder, notPosix.toString());
        }
        return Optional.empty();
    }

    /** @return the watched folder, or {@code null} if none is configured */
    public Path folder() {
        return folder;
    }
}
