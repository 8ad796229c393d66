/** The dry run of an update ({@code liveswap:check}, {@code UpdateManager.check}): what it would do, changing nothing. */
package io.liveswap.updates.check;
