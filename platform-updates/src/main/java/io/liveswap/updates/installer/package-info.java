/** The installer: the update manager and the watched folder's artifact installer. */
package io.liveswap.updates.installer;
