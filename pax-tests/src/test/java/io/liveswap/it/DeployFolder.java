package io.liveswap.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** A fresh folder watched by the real FileInstall (a factory configuration), as an operator's deploy folder. */
public final class DeployFolder implements AutoCloseable {

    private final Path path;
    private final Configuration watcher;

    private DeployFolder(Path path, Configuration watcher) {
        this.path = path;
        this.watcher = watcher;
    }

    /** Creates a temporary folder and has FileInstall poll it every 100 ms. */
    public static DeployFolder watch(ConfigurationAdmin configAdmin) throws Exception {
        Path folder = Files.createTempDirectory("liveswap-deploy");
        Configuration watcher = configAdmin.createFactoryConfiguration("org.apache.felix.fileinstall", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("felix.fileinstall.dir", folder.toString());
        properties.put("felix.fileinstall.poll", "100");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        watcher.update(properties);
        return new DeployFolder(folder, watcher);
    }

    public Path path() {
        return path;
    }

    /** Stops watching (FileInstall forgets the folder). */
    @Override
    public void close() throws Exception {
        watcher.delete();
    }
}
