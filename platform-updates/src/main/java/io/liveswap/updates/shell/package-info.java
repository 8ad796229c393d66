/** Gogo commands of scope {@code liveswap} for updates: apply, check, rollback, history, pending, migrate, folder. */
package io.liveswap.updates.shell;
