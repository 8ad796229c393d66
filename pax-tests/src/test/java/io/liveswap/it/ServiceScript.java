package io.liveswap.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The runtime's control script ({@code bin/liveswap}) run on a working folder, as an operator or a service manager
 * would: each call runs the script once with one command and returns its exit code and output. The script finds
 * the runtime jar through {@code LIVESWAP_JAR} (the one the build made) and java through {@code JAVA}.
 */
public final class ServiceScript {

    /** What one run of the script printed and returned. */
    public static final class Result {
        public final int exitCode;
        public final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        @Override
        public String toString() {
            return "exit code " + exitCode + ", output: " + output;
        }
    }

    private final Path folder;
    private final Path script;
    private final Path jar;

    public ServiceScript(Path folder) {
        this.folder = folder;
        String jarPath = System.getProperty("liveswap.runtime.jar");
        if (jarPath == null || !Files.isRegularFile(Path.of(jarPath))) {
            throw new IllegalStateException("No runtime jar at " + jarPath + "; run the tests through Maven");
        }
        this.jar = Path.of(jarPath).toAbsolutePath().normalize();
        // runtime/target/liveswap.jar -> the repository root -> bin/liveswap
        this.script = jar.getParent().getParent().getParent().resolve("bin").resolve("liveswap");
    }

    /** Runs {@code bin/liveswap <command>} in the folder and waits for it (at most 2 minutes). */
    public Result run(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString(), command).directory(folder.toFile())
                .redirectErrorStream(true);
        builder.environment().put("LIVESWAP_JAR", jar.toString());
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().remove("LIVESWAP_HOME");
        // HTTP on any free port: runtimes of parallel or later runs must not clash on the default 8181
        builder.environment().put("LIVESWAP_JAVA_OPTS", "-Dorg.osgi.service.http.port=0");
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        // the script's own output is short; a runtime it starts writes to files, not to this pipe
        byte[] printed = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bin/liveswap " + command + " did not return within 2 minutes");
        }
        return new Result(process.exitValue(), new String(printed, StandardCharsets.UTF_8));
    }

    public Path pidFile() {
        return folder.resolve("liveswap-data/liveswap.pid");
    }

    public Path logFile() {
        return folder.resolve("liveswap-data/log/liveswap.log");
    }

    public Path logConfiguration() {
        return folder.resolve("etc/logback.xml");
    }

    /** The process named in the pid file, if the file is there. */
    public Optional<ProcessHandle> process() throws IOException {
        if (!Files.exists(pidFile())) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readString(pidFile()).trim()));
    }

    /** The log file's text; empty while it does not exist. */
    public String log() throws IOException {
        return Files.exists(logFile()) ? Files.readString(logFile()) : "";
    }

    /** Kills the runtime the hard way, if one runs (test clean-up, or a crash on purpose). */
    public void kill() throws IOException {
        Optional<ProcessHandle> process = process();
        if (process.isPresent()) {
            process.get().destroyForcibly();
            Await.until("the killed runtime ends", Duration.ofSeconds(30), () -> !process.get().isAlive());
        }
    }
}
