package io.liveswap.core.factory;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

import io.liveswap.core.lazy.Instance;
import io.liveswap.core.lazy.Residence;

/** A weak entry for one live instance; only its proxy holds the instance strongly. */
final class Tracked extends WeakReference<Instance> {

    final Residence residence;

    Tracked(Instance instance, Residence residence, ReferenceQueue<Instance> queue) {
        super(instance, queue);
        this.residence = residence;
    }
}
