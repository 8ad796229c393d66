/** Gogo commands of scope {@code liveswap} for updates: apply, rollback, history, pending. */
package io.liveswap.updates.shell;
