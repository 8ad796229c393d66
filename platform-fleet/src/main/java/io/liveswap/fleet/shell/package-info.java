/** The fleet's Gogo commands. */
package io.liveswap.fleet.shell;
