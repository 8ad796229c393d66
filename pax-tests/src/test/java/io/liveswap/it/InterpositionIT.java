package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;

import io.liveswap.fixture.counter.Counter;
import io.liveswap.interpose.InterceptorDTO;
import io.liveswap.interpose.Interposition;

/**
 * Interposition at runtime: an interceptor bundle installed beside the running counter shadows one method and
 * wraps another, stays in front of the unit across a swap, and is taken out from the shell, restoring the plain
 * path; the consumer's proxy never changes.
 */
public class InterpositionIT extends PlatformTestBase {

    @Override
    protected Option testOptions() {
        return at(UNITS, "counter-api", "counter-impl", "counter-v2");
    }

    @Test
    public void anInterceptorAddedAtRuntimeShadowsAndWrapsThenGoesAway() throws Exception {
        Counter counter = Platform.proxy(context, Counter.class, "counter");
        assertEquals("1.0.0", counter.version());
        assertEquals(1, counter.increment());

        Bundle hotfix = context.installBundle(Platform.location("counter-interceptor"));
        hotfix.start();
        Await.until("the interceptor is in front of the unit", () -> "hotfixed".equals(counter.version()));
        assertEquals("increments still reach the unit", 2, counter.increment());
        Shell shell = new Shell(processor);
        String listed = shell.run("liveswap:interceptors");
        assertTrue(listed, listed.contains("counter") && listed.contains("active") && listed.contains("increment,version")
                && listed.contains("VersionHotfix"));

        assertTrue(mediator.swap("counter", controls.control("counter").candidates().iterator().next()).committed);
        assertEquals("the interceptor stays in front of the new version", "hotfixed", counter.version());
        assertEquals("the state crossed, through the interceptor too", 3, counter.increment());

        InterceptorDTO interceptor = interposition.interceptors().get(0);
        assertEquals("interceptor " + interceptor.serviceId + " withdrawn",
                shell.run("liveswap:uninterpose " + interceptor.serviceId).strip());
        assertEquals("the plain path again", "2.0.0", counter.version());
        assertTrue(shell.run("liveswap:interceptors").contains("withdrawn"));

        hotfix.stop();
        assertTrue(interposition.interceptors().isEmpty());
        assertEquals(4, counter.increment());
        assertSame("consumers kept one proxy throughout", counter, Platform.proxy(context, Counter.class, "counter"));
    }

    @Test
    public void anInterceptorBundleDroppedInTheFolderGoesInFrontAndDeletingItRestoresThePlainPath() throws Exception {
        Counter counter = Platform.proxy(context, Counter.class, "counter");
        assertEquals(1, counter.increment());
        try (DeployFolder folder = DeployFolder.watch(configAdmin)) {
            java.nio.file.Path dropped = UpdateJars.drop("counter-interceptor", folder.path(), "hotfix.jar");
            Await.until("the dropped interceptor is in front of the unit", () -> "hotfixed".equals(counter.version()));
            assertEquals(1, interposition.interceptors().size());
            assertEquals(2, counter.increment());

            java.nio.file.Files.delete(dropped);
            Await.until("deleting the file takes the interceptor away", () -> "1.0.0".equals(counter.version()));
            assertTrue(interposition.interceptors().isEmpty());
            assertEquals(3, counter.increment());
        }
    }
}
