package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * The platform SPI is exported with a mandatory attribute: an ordinary bundle that imports {@code io.liveswap.spi}
 * does not resolve, one that names the attribute does, and the platform's own bundles (which do) serve units.
 */
public class SpiImportIT extends PlatformTestBase {

    @Override
    protected Option testOptions() {
        return at(UNITS, "counter-api", "counter-impl");
    }

    /** A bundle with no classes whose manifest imports the given packages. */
    private Bundle install(String name, String imports) throws IOException, BundleException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", name);
        main.putValue("Import-Package", imports);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JarOutputStream(bytes, manifest).close();
        return context.installBundle("memory:" + name, new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Test
    public void anOrdinaryImportOfTheSpiDoesNotResolve() throws Exception {
        Bundle ordinary = install("test.ordinary", "io.liveswap.spi");

        BundleException e = assertThrows(BundleException.class, ordinary::start);

        assertEquals(BundleException.RESOLVE_ERROR, e.getType());
        assertEquals(Bundle.INSTALLED, ordinary.getState());
    }

    @Test
    public void anImportNamingTheAttributeResolves() throws Exception {
        Bundle platformLike = install("test.platform.like", "io.liveswap.spi;liveswap.spi=platform");

        platformLike.start();

        assertEquals(Bundle.ACTIVE, platformLike.getState());
    }

    @Test
    public void thePlatformBundlesResolveAndServeAUnit() throws Exception {
        int platform = 0;
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith("io.liveswap.platform.")) {
                assertEquals(bundle.getSymbolicName(), Bundle.ACTIVE, bundle.getState());
                platform++;
            }
        }
        assertEquals(3, platform); // core, mediators, updates
        assertEquals("1.0.0", table.unit("counter").version);
    }
}
