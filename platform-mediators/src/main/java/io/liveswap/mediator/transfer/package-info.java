/**
 * Automatic state transfer: copies a unit's state from the old version's objects to the new version's, field by
 * field, for implementations that are not {@code StatefulUnit}s. {@link io.liveswap.mediator.transfer.AutoTransfer}
 * is the entry: a check from the declared types before the pause, the copy inside it. Not exported.
 */
package io.liveswap.mediator.transfer;
