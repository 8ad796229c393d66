package io.liveswap.updates.folder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;

import org.osgi.framework.Version;

import io.liveswap.api.Reason;
import io.liveswap.updates.format.InvalidUpdateException;
import io.liveswap.updates.format.UpdateBundleReader;

/**
 * What a jar in the watched folder is, read whole (every entry's CRC checked): an update bundle (or a file the
 * update manager refuses with a code), a plain bundle, a file still being copied, or no bundle at all.
 */
record FolderFile(Kind kind, String symbolicName, Version version, String problem) {

    enum Kind {
        UPDATE, PLAIN, COPYING, NOT_A_BUNDLE
    }

    static FolderFile of(Path file) {
        try {
            UpdateBundleReader.read(file);
            return new FolderFile(Kind.UPDATE, null, null, null);
        } catch (InvalidUpdateException e) {
            if (e.reason() == Reason.INCOMPLETE) {
                return new FolderFile(Kind.COPYING, null, null, e.getMessage());
            }
            if (e.reason() == Reason.NOT_A_BUNDLE) {
                return new FolderFile(Kind.NOT_A_BUNDLE, null, null, e.getMessage());
            }
            if (e.reason() == Reason.NOT_AN_UPDATE) {
                return plain(file);
            }
            return new FolderFile(Kind.UPDATE, null, null, null); // the update manager refuses it with its code
        }
    }

    private static FolderFile plain(Path file) {
        try (JarFile jar = new JarFile(file.toFile())) {
            var main = jar.getManifest().getMainAttributes();
            String name = main.getValue("Bundle-SymbolicName").split(";")[0].trim();
            String version = main.getValue("Bundle-Version");
            return new FolderFile(Kind.PLAIN, name, version == null ? Version.emptyVersion
                    : Version.parseVersion(version.trim()), null);
        } catch (IOException | RuntimeException changedMeanwhile) {
            return new FolderFile(Kind.COPYING, null, null, file.getFileName() + " changed while it was read ("
                    + changedMeanwhile + ")");
        }
    }
}
