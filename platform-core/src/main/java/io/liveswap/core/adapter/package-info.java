/**
 * Adapters for interface-changing updates: when a new version implements a newer copy of the unit's service
 * interface, consumers wired to an older copy keep their proxy, which reaches the new version through an adapter.
 */
package io.liveswap.core.adapter;
