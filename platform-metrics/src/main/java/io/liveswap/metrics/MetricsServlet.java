package io.liveswap.metrics;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import io.liveswap.api.TranslationTable;
import io.liveswap.updates.UpdateManager;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The metrics endpoint: a servlet on the OSGi Jakarta Servlet Whiteboard at {@value #PATH} that answers a GET with
 * every metric in the Prometheus text format, or in OpenMetrics when the request accepts it (as Prometheus itself
 * asks). Its registry holds {@link UnitMetrics}, {@link UpdateMetrics} and, unless configured off, the Prometheus
 * Java client's JVM metrics; each scrape reads them afresh.
 *
 * <p><b>Lifecycle.</b> Registered while the translation table and the update manager are; the HTTP service picks it
 * up when it comes. Deactivation stops the pending count's thread.
 *
 * <p><b>Threading.</b> Scrapes may run concurrently: the collectors read thread-safe platform services and keep no
 * state between scrapes, except {@link PendingCount}, which guards its own.
 */
@Component(service = Servlet.class, configurationPid = MetricsConfig.PID)
@Designate(ocd = MetricsConfig.class)
@HttpWhiteboardServletName("liveswap-metrics")
@HttpWhiteboardServletPattern(MetricsServlet.PATH)
public final class MetricsServlet extends HttpServlet {

    /** Where the metrics are served unless configured otherwise. */
    public static final String PATH = "/metrics";

    private static final long serialVersionUID = 1L;
    private static final ExpositionFormatWriter OPEN_METRICS = OpenMetricsTextFormatWriter.create();
    private static final ExpositionFormatWriter TEXT = PrometheusTextFormatWriter.create();

    private final transient PrometheusRegistry registry = new PrometheusRegistry();
    private final transient PendingCount pending;

    @Activate
    public MetricsServlet(@Reference TranslationTable table, @Reference UpdateManager updates, MetricsConfig config) {
        this.pending = new PendingCount(updates, config.pendingWaitMillis());
        registry.register(new UnitMetrics(table));
        registry.register(new UpdateMetrics(updates, pending));
        if (config.jvm()) {
            registry.register(JvmMetricsOnce.collector());
        }
    }

    @Deactivate
    void deactivate() {
        pending.close();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ExpositionFormatWriter writer = OPEN_METRICS.accepts(request.getHeader("Accept")) ? OPEN_METRICS : TEXT;
        response.setContentType(writer.getContentType());
        writer.write(response.getOutputStream(), registry.scrape());
    }
}
