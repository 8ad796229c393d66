/** The translation table: tracks raw unit implementations, owns one proxy per unit and points it. */
package io.liveswap.core.table;
