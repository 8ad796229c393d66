/** The watched folder: where operators drop update bundles. */
package io.liveswap.core.installer;
