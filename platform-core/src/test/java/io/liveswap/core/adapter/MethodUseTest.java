package io.liveswap.core.adapter;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.Test;

/** Call sites of removed methods found in compiled classes, and the adapter that stubs an uncalled one. */
public class MethodUseTest {

    /** The face: what consumers were compiled against. */
    public interface Api {
        String kept();

        String removed();

        String removed(int overload);
    }

    /** The new version's copy: {@code removed()} is gone. */
    public interface Trimmed {
        String kept();

        String removed(int overload);
    }

    public interface SubApi extends Api {
    }

    static class CallsKeptOnly {
        String use(Api api) {
            return api.kept() + api.removed(1);
        }
    }

    static class CallsRemoved {
        String use(Api api) {
            return api.removed();
        }
    }

    static class CallsThroughSubinterface {
        String use(SubApi api) {
            return api.removed();
        }
    }

    static class RefersToRemoved {
        Supplier<String> use(Api api) {
            return api::removed;
        }
    }

    static final class Impl implements Api, Trimmed {
        @Override
        public String kept() {
            return "kept";
        }

        @Override
        public String removed() {
            return "should not be reached";
        }

        @Override
        public String removed(int overload) {
            return "overload " + overload;
        }
    }

    private static final Function<String, Class<?>> TYPES = name -> {
        try {
            return Class.forName(name, false, MethodUseTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    };

    private static List<String> sites(Class<?> type) throws Exception {
        return MethodUse.callSites(bytes(type), List.of(Api.class.getMethod("removed")), TYPES);
    }

    private static byte[] bytes(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    public void aClassCallingOnlyOtherMethodsAndOverloadsIsNoCallSite() throws Exception {
        assertEquals(List.of(), sites(CallsKeptOnly.class));
    }

    @Test
    public void anInterfaceCallIsACallSiteNamingTheClassAndMethod() throws Exception {
        assertEquals(List.of(CallsRemoved.class.getName() + ".use calls Api.removed()"), sites(CallsRemoved.class));
    }

    @Test
    public void aCallThroughASubinterfaceIsACallSite() throws Exception {
        assertEquals(List.of(CallsThroughSubinterface.class.getName() + ".use calls Api.removed()"),
                sites(CallsThroughSubinterface.class));
    }

    @Test
    public void aMethodReferenceIsACallSite() throws Exception {
        assertEquals(List.of(RefersToRemoved.class.getName() + ".use calls Api.removed()"),
                sites(RefersToRemoved.class));
    }

    @Test
    public void anOwnerThatIsNotASubtypeIsNoCallSite() throws Exception {
        assertEquals(List.of(), MethodUse.callSites(bytes(CallsRemoved.class),
                List.of(Trimmed.class.getMethod("removed", int.class)), TYPES));
    }

    @Test
    public void aStubbedPlanServesTheFaceAndTheRemovedMethodThrows() throws Exception {
        Adapter.Plan plan = Adapter.plan(List.of(Api.class), List.of(Trimmed.class));
        assertFalse(plan.possible());
        Method removed = Api.class.getMethod("removed");
        assertEquals(List.of(removed), plan.lacking());

        Adapter.Plan stubbed = plan.stubbing(m -> "gone: " + m.getName());
        assertTrue(stubbed.possible());
        Api adapter = (Api) Adapter.adapt(List.of(Api.class), new Impl(), stubbed);
        assertEquals("kept", adapter.kept());
        assertEquals("overload 2", adapter.removed(2));
        UnsupportedOperationException thrown = assertThrows(UnsupportedOperationException.class, adapter::removed);
        assertEquals("gone: removed", thrown.getMessage());
    }
}
