/** The version ledger: the strict linear order in which updates of a unit apply. */
package io.liveswap.updates.ledger;
