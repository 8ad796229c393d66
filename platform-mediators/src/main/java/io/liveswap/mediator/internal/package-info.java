/** The swap protocol, state transfer and bundle retirement behind {@link io.liveswap.mediator.Mediator}. */
package io.liveswap.mediator.internal;
