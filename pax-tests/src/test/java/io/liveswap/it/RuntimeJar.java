package io.liveswap.it;

import org.junit.Assume;

/** What a test that runs {@code runtime/target/liveswap.jar} as a process needs of the JVM it runs on. */
final class RuntimeJar {

    private RuntimeJar() {
    }

    /**
     * Skips the calling test on Java 24 and later, loudly: the exported runtime jar's launcher (bnd 7.1.0's) calls
     * {@code Policy.setPolicy}, which Java 24 removed, so the runtime process cannot start there (bnd issue 6370;
     * README, "Java 25"). Everything that runs inside Felix is tested on Java 25 all the same.
     */
    static void assumeStartable() {
        Assume.assumeTrue("runtime/target/liveswap.jar does not start on Java " + Runtime.version().feature()
                + ": its bnd launcher calls Policy.setPolicy, removed in Java 24", Runtime.version().feature() < 24);
    }
}
