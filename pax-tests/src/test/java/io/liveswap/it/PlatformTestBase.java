package io.liveswap.it;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;

import io.liveswap.api.TranslationTable;
import io.liveswap.interpose.Interposition;
import io.liveswap.mediator.Mediator;
import io.liveswap.spi.UnitControls;

/**
 * The set-up every Pax Exam test class shares: a fresh framework per test method with the platform runtime
 * ({@link Platform#platform}) plus the class's own bundles ({@link #testOptions()}), the platform's services
 * injected, and a probe that may import the platform SPI.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public abstract class PlatformTestBase {

    @Inject
    protected BundleContext context;

    @Inject
    protected TranslationTable table;

    @Inject
    protected Mediator mediator;

    @Inject
    protected UnitControls controls;

    @Inject
    protected Interposition interposition;

    @Inject
    protected CommandProcessor processor;

    @Inject
    protected ConfigurationAdmin configAdmin;

    /** Pax Exam's configuration: the platform plus this class's own options. */
    @Configuration
    public final Option[] configuration() {
        return new Option[] {Platform.platform(testOptions())};
    }

    /** The probe imports {@code io.liveswap.spi} with its mandatory attribute, everything else as Pax Exam does. */
    @ProbeBuilder
    public final TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.setHeader(Constants.DYNAMICIMPORT_PACKAGE, Platform.PROBE_IMPORTS);
        return probe;
    }

    /** This test class's own options on top of the platform: typically its fixture bundles at their start levels. */
    protected abstract Option testOptions();
}
