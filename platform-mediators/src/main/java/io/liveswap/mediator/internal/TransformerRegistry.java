package io.liveswap.mediator.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.liveswap.state.StateTransformer;

/** Tracks every {@link StateTransformer} service for the mediators. */
@Component(service = TransformerRegistry.class)
public final class TransformerRegistry {

    private final Transformers transformers = new Transformers();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTransformer(StateTransformer transformer) {
        transformers.add(transformer);
    }

    void removeTransformer(StateTransformer transformer) {
        transformers.remove(transformer);
    }

    StateTransfer stateTransfer() {
        return new StateTransfer(transformers);
    }
}
