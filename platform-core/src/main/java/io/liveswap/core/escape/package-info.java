/** Escaped {@code this}: finding a unit's raw implementation object where consumers can reach it past the proxy. */
package io.liveswap.core.escape;
