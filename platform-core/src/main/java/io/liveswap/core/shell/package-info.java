/** Gogo shell commands of scope {@code liveswap}. */
package io.liveswap.core.shell;
