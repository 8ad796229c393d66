/**
 * Lazy update of the instances of a multi-instance unit: each instance moves to the unit's current version on its
 * next call, exactly once.
 */
package io.liveswap.core.lazy;
