package io.liveswap.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.Test;

/**
 * The runtime as a service: {@code bin/liveswap start|status|stop} on a fresh working folder. Checks the
 * documented exit codes, the pid file, that stop is an orderly framework stop (units stop with the framework, no
 * "went away" warning in the log), and that the log file is written with the rotation and levels of
 * {@code etc/logback.xml}.
 */
public class RuntimeServiceIT {

    @Test
    public void startStatusStopWithDocumentedExitCodesAndAnOrderlyStop() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-service");
        ServiceScript script = new ServiceScript(folder);
        try {
            assertEquals("status before any start", 3, script.run("status").exitCode);

            ServiceScript.Result started = script.run("start");
            assertEquals(started.toString(), 0, started.exitCode);
            ProcessHandle runtime = script.process().orElseThrow(() -> new AssertionError("no pid file after start"));
            assertTrue("the pid file names the running runtime", runtime.isAlive());
            ServiceScript.Result again = script.run("start");
            assertEquals(again.toString(), 0, again.exitCode);
            assertTrue(again.output, again.output.contains("already running (pid " + runtime.pid() + ")"));
            ServiceScript.Result status = script.run("status");
            assertEquals(status.toString(), 0, status.exitCode);
            assertTrue(status.output, status.output.contains("pid " + runtime.pid()));

            assertTrue("the default logging configuration is written", Files.exists(script.logConfiguration()));
            String configuration = Files.readString(script.logConfiguration());
            assertTrue(configuration, configuration.contains("<maxFileSize>10MB</maxFileSize>")
                    && configuration.contains("<maxIndex>5</maxIndex>"));
            assertTrue("the log file is written: " + script.log(), script.log().contains("Update journal in"));

            ServiceScript.Result stopped = script.run("stop");
            assertEquals(stopped.toString(), 0, stopped.exitCode);
            assertFalse("the runtime's process ended", runtime.isAlive());
            assertFalse("the runtime deleted its pid file", Files.exists(script.pidFile()));
            String log = script.log();
            assertTrue(log, log.contains("The JVM is shutting down: stopping the framework"));
            assertTrue("the unit stopped with the framework: " + log,
                    log.contains("Unit 'notebook': version 1.0.0") && log.contains("stopped with the framework"));
            assertFalse("an orderly stop is no loss of a unit: " + log, log.contains("went away"));
            assertFalse("nor a mediated update: " + log, log.contains("callers wait"));

            assertEquals("status after stop", 3, script.run("status").exitCode);
            assertEquals("stop when not running", 0, script.run("stop").exitCode);
            assertEquals("an unknown command", 2, script.run("restart-please").exitCode);
        } finally {
            script.kill();
        }
    }

    @Test
    public void aKilledRuntimeLeavesAStalePidFileThatStatusReportsAndStartReplaces() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-service-kill");
        ServiceScript script = new ServiceScript(folder);
        try {
            assertEquals(0, script.run("start").exitCode);
            long first = script.process().orElseThrow().pid();
            script.kill();
            ServiceScript.Result status = script.run("status");
            assertEquals(status.toString(), 1, status.exitCode);
            assertTrue(status.output, status.output.contains("pid file is left"));

            assertEquals(0, script.run("start").exitCode);
            ProcessHandle second = script.process().orElseThrow();
            assertTrue(second.pid() != first && second.isAlive());
            assertEquals(0, script.run("stop").exitCode);
            Await.until("the second runtime ends", Duration.ofSeconds(5), () -> !second.isAlive());
        } finally {
            script.kill();
        }
    }

    @Test
    public void levelsComeFromTheConfigurationFileInTheWorkingFolder() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-service-levels");
        ServiceScript script = new ServiceScript(folder);
        try {
            assertEquals(0, script.run("start").exitCode);
            assertEquals(0, script.run("stop").exitCode);
            Path configuration = script.logConfiguration();
            String defaults = Files.readString(configuration);
            Files.writeString(configuration, defaults.replace("<logger name=\"io.liveswap\" level=\"INFO\"/>",
                    "<logger name=\"io.liveswap\" level=\"WARN\"/>"));
            Files.delete(script.logFile());

            assertEquals(0, script.run("start").exitCode);
            String log = script.log();
            assertTrue("warnings are logged: " + log, log.contains("NO TRUST STORE IS CONFIGURED"));
            assertFalse("information is not: " + log, log.contains("Update journal in"));
            assertEquals(0, script.run("stop").exitCode);
        } finally {
            script.kill();
        }
    }
}
