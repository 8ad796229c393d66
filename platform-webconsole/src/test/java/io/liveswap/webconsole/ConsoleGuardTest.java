package io.liveswap.webconsole;

import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class ConsoleGuardTest {

    @Test
    public void outsideProductionAnyPasswordServes() {
        assertNull(ConsoleGuard.refusal(false, null, null));
        assertNull(ConsoleGuard.refusal(false, "admin", "admin"));
    }

    @Test
    public void productionRefusesTheDefaultPassword() {
        assertRefused(ConsoleGuard.refusal(true, null, null));
        assertRefused(ConsoleGuard.refusal(true, null, "admin"));
        assertRefused(ConsoleGuard.refusal(true, "admin", "s3cret"));
        assertRefused(ConsoleGuard.refusal(true, " ", null));
    }

    @Test
    public void productionAcceptsAnotherPassword() {
        assertNull(ConsoleGuard.refusal(true, null, "s3cret"));
        assertNull(ConsoleGuard.refusal(true, "s3cret", "admin"));
        assertNull(ConsoleGuard.refusal(true, "{sha-256}abc", null));
    }

    private static void assertRefused(String refusal) {
        assertTrue(String.valueOf(refusal), refusal != null && refusal.startsWith("Web console NOT started")
                && refusal.contains("-Dfelix.webconsole.password=")
                && refusal.contains(ConsoleGuard.CONSOLE_PID));
    }
}
