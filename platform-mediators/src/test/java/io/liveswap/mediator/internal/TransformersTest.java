package io.liveswap.mediator.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;
import org.osgi.framework.Version;

import io.liveswap.state.StateTransformer;

/** Which transformers carry state between two versions, including code-only versions on either side. */
public class TransformersTest {

    private static StateTransformer step(String from, String to) {
        return TestTransformer.identity(from, to);
    }

    private final Transformers transformers = new Transformers();

    private String chain(String from, String to) {
        return transformers.chain("u", Version.parseVersion(from), Version.parseVersion(to)).toString()
                .replaceAll(" \\([^)]*\\)", "");
    }

    @Test
    public void codeOnlyVersionsAfterTheLastTransformerNeedNoStep() {
        transformers.add(step("1.0.0", "2.0.0"));
        assertEquals("[1.0.0 -> 2.0.0]", chain("1.0.0", "3.0.0"));
        assertEquals("[2.0.0 -> 1.0.0]", chain("3.0.0", "1.0.0"));
        assertEquals("[]", chain("2.0.0", "3.0.0"));
    }

    @Test
    public void transformersChainAcrossSeveralVersions() {
        transformers.add(step("2.0.0", "3.0.0"));
        transformers.add(step("1.0.0", "2.0.0"));
        assertEquals("[1.0.0 -> 2.0.0, 2.0.0 -> 3.0.0]", chain("1.0.0", "3.0.0"));
        assertEquals("[3.0.0 -> 2.0.0, 2.0.0 -> 1.0.0]", chain("3.0.0", "1.0.0"));
    }

    @Test
    public void aCodeOnlyStretchBetweenTransformersNeedsNoStep() {
        transformers.add(step("1.0.0", "2.0.0"));
        transformers.add(step("3.0.0", "4.0.0"));
        assertEquals("[1.0.0 -> 2.0.0, 3.0.0 -> 4.0.0]", chain("1.0.0", "4.0.0"));
    }

    @Test
    public void transformersThatDoNotLinkUpAreRefusedNamingTheMissingStep() {
        transformers.add(step("1.0.0", "2.0.0"));
        transformers.add(step("1.5.0", "3.0.0"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> chain("1.0.0", "3.0.0"));
        assertTrue(refused.getMessage(),
                refused.getMessage().contains("no state transformer from 2.0.0 towards 3.0.0"));
    }
}
