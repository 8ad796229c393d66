/**
 * The watched folder: FileInstall's installer for every jar in it (update bundles to the update manager, plain
 * bundles installed as FileInstall would, but never over a platform bundle, a unit's API bundle or a unit's
 * implementation), and the listing of what the platform made of each file.
 */
package io.liveswap.updates.folder;
