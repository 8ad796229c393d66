/** Service hooks that keep raw unit implementations out of sight, so consumers can only bind to proxies. */
package io.liveswap.core.hiding;
