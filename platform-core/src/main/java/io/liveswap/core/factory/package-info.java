/**
 * Factories of multi-instance units: instances handed out as proxies, tracked weakly, counted per version and moved
 * to a new version eagerly or (through {@code io.liveswap.core.lazy}) on first use.
 */
package io.liveswap.core.factory;
