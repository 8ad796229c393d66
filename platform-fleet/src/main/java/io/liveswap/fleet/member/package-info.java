/** Fleet membership on Apache ZooKeeper: this container's entry, kept current; the fleet's members read back. */
package io.liveswap.fleet.member;
