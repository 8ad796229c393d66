/**
 * <b>Metrics</b>: the platform's units, swaps and updates, and the JVM, in the Prometheus text format, served at
 * {@code /metrics} on the HTTP service through the OSGi Jakarta Servlet Whiteboard ({@link MetricsServlet}).
 *
 * <p>Everything is read at scrape time from what the platform already keeps: the translation table's
 * {@link io.liveswap.api.UnitDTO} snapshots ({@link UnitMetrics}) and the update journal and pending updates of the
 * {@link io.liveswap.updates.UpdateManager} ({@link UpdateMetrics}). Nothing is added to the call path of a unit.
 * Not exported: nothing outside this bundle uses these classes.
 */
package io.liveswap.metrics;
