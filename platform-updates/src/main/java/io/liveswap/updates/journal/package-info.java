/** The journal: a durable record of every update's intent and outcome. */
package io.liveswap.updates.journal;
