/** The update bundle format: reading and validating an update bundle jar before anything is installed. */
package io.liveswap.updates.format;
