package io.liveswap.updates.installer;

import java.io.File;
import java.io.IOException;
import java.util.jar.JarFile;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.liveswap.updates.UpdateManager;
import io.liveswap.updates.format.UpdateBundleReader;

/**
 * FileInstall's installer for update bundles in the watched folder. It takes every jar that declares a unit
 * update, and every jar that cannot be read as a bundle (a jar still being copied, truncated or corrupt), so that
 * FileInstall never installs those beside the running version; plain bundles are left to FileInstall. A refused or
 * failed update is tried again when FileInstall reports the file changed; deleting the file of a unit's newest
 * update rolls the unit back.
 */
@Component(service = ArtifactInstaller.class)
public final class DeployFolderInstaller implements ArtifactInstaller {

    private final UpdateManager updates;

    @Activate
    public DeployFolderInstaller(@Reference UpdateManager updates) {
        this.updates = updates;
    }

    @Override
    public boolean canHandle(File artifact) {
        if (!artifact.getName().endsWith(".jar")) {
            return false;
        }
        return UpdateBundleReader.declaresUnit(artifact.toPath()) || !isReadableBundle(artifact);
    }

    private static boolean isReadableBundle(File artifact) {
        try (JarFile jar = new JarFile(artifact)) {
            return jar.getManifest() != null
                    && jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName") != null;
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    @Override
    public void install(File artifact) {
        updates.offer(artifact.getAbsolutePath());
    }

    @Override
    public void update(File artifact) {
        updates.offer(artifact.getAbsolutePath());
    }

    @Override
    public void uninstall(File artifact) {
        updates.withdraw(artifact.getAbsolutePath());
    }
}
