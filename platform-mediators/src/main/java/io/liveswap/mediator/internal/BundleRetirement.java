package io.liveswap.mediator.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;

/** Stops, uninstalls and refreshes one bundle alone (nothing wires to an implementation bundle). */
final class BundleRetirement {

    private BundleRetirement() {
    }

    static void retire(BundleContext context, Bundle bundle, Duration timeout)
            throws BundleException, InterruptedException {
        if (bundle.getState() == Bundle.UNINSTALLED) {
            return;
        }
        bundle.stop();
        bundle.uninstall();
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        CountDownLatch refreshed = new CountDownLatch(1);
        wiring.refreshBundles(List.of(bundle), event -> refreshed.countDown());
        if (!refreshed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new BundleException("refreshing retired bundle " + bundle.getSymbolicName() + " did not finish"
                    + " within " + timeout.toMillis() + " ms");
        }
    }
}
