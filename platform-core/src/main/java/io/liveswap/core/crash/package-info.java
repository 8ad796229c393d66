/**
 * Crash-test hook: named points where the JVM halts when a test asks for it. Not exported: each platform bundle
 * that reaches a point copies this package into itself (bnd {@code -conditionalpackage}), so no bundle can import
 * it and the platform's API packages do not carry it.
 */
package io.liveswap.core.crash;
