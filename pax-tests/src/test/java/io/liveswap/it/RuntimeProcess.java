package io.liveswap.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Liveswap runtime ({@code runtime/target/liveswap.jar}) as a separate process in a working folder: the real
 * product, started, driven through its Gogo console, stopped or killed, and started again on the same folder. With
 * the environment variable {@code LIVESWAP_IT_VERBOSE} set, each runtime's output is printed when it is closed.
 */
public final class RuntimeProcess implements AutoCloseable {

    /** An SLF4J simple logger line: time, then the thread in brackets. */
    private static final java.util.regex.Pattern LOG_LINE = java.util.regex.Pattern.compile(
            "^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[");

    private final Path folder;
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final OutputStream console;

    private RuntimeProcess(Path folder, List<String> jvmOptions) throws IOException {
        this.folder = folder;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = System.getProperty("liveswap.runtime.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("No runtime jar at " + jar + "; run the tests through Maven: mvn verify");
        }
        List<String> command = new java.util.ArrayList<>(List.of(java));
        // no probation unless the test asks for it (a later -D of the same property wins)
        command.add("-Dliveswap.probation.seconds=0");
        // a free HTTP port (0: Felix HTTP picks one) unless the test names one: runtimes never contend for 8181
        command.add("-Dorg.osgi.service.http.port=0");
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", Path.of(jar).toAbsolutePath().toString()));
        this.process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        this.console = process.getOutputStream();
        Thread reader = new Thread(this::read, "runtime-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the runtime in a folder and waits until the platform, its update journal and the start-up restore are
     * done (the restore's log line names units: commands that wait for a unit's name must not match it).
     */
    public static RuntimeProcess start(Path folder, String... jvmOptions) throws IOException {
        RuntimeProcess runtime = startRestoring(folder, jvmOptions);
        runtime.awaitOutput("Start-up restore done", Duration.ofSeconds(30));
        return runtime;
    }

    /** Starts the runtime and returns once its console is up, the start-up restore possibly still under way. */
    public static RuntimeProcess startRestoring(Path folder, String... jvmOptions) throws IOException {
        RuntimeProcess runtime = new RuntimeProcess(folder, List.of(jvmOptions));
        runtime.awaitOutput("Update journal in", Duration.ofSeconds(30));
        runtime.awaitOutput("Welcome to Apache Felix Gogo", Duration.ofSeconds(30));
        return runtime;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
            }
        } catch (IOException closed) {
            // the process ended
        }
    }

    /** Waits for a condition on this runtime; the failure shows the runtime's output. */
    public void await(String what, java.util.function.BooleanSupplier condition) {
        try {
            Await.until(what, Duration.ofSeconds(30), condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- journal:\n" + String.join("\n", journal())
                    + "\n--- runtime output:\n" + output, e);
        }
    }

    /** The runtime's process id. */
    public long pid() {
        return process.pid();
    }

    public Path deploy() {
        return folder.resolve("deploy");
    }

    /** Types a command at the console and returns at once, without waiting for its answer. */
    public void send(String command) throws IOException {
        console.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        console.flush();
    }

    /** Sends a command to the console and returns the output that follows it once {@code expected} appeared. */
    public String command(String command, String expected) throws IOException {
        int mark = output.length();
        console.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        console.flush();
        Await.until("'" + expected + "' after " + command, Duration.ofSeconds(30),
                () -> output.substring(mark).contains(expected));
        return output.substring(mark);
    }

    /**
     * Types a command at the console and returns what it answered: the lines printed before the next prompt, without
     * the prompts and without log lines (which go to the same output).
     */
    public List<String> typed(String command) throws IOException {
        String marker = "end-of-" + System.nanoTime();
        // the marker alone, not "g! " + marker: a log line may come between the prompt and the echo's output
        String printed = command(command + "\necho " + marker, marker + "\n");
        List<String> answer = new java.util.ArrayList<>();
        for (String line : printed.split("\n")) {
            String text = line;
            while (text.startsWith("g! ")) {
                text = text.substring(3);
            }
            if (!text.isBlank() && !text.equals(marker) && !LOG_LINE.matcher(text).find()) {
                answer.add(text);
            }
        }
        return answer;
    }

    /** A mark in the output, for {@link #since} and {@link #awaitSince}. */
    public int mark() {
        return output.length();
    }

    /** The output printed after {@code mark}. */
    public String since(int mark) {
        return output.substring(mark);
    }

    /** Waits until {@code text} is printed after {@code mark}. */
    public void awaitSince(int mark, String text) {
        await("'" + text + "' is printed", () -> output.indexOf(text, mark) >= 0);
    }

    public void awaitOutput(String text, Duration deadline) {
        Await.until("the runtime prints '" + text + "'\n--- output so far:\n" + output, deadline,
                () -> output.indexOf(text) >= 0);
    }

    /** The journal's lines, as written to disk. */
    public List<String> journal() {
        try {
            Path file = folder.resolve("liveswap-data/journal/journal.tsv");
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException racingWithAReplace) {
            return List.of();
        }
    }

    /** Waits for the process to end by itself (e.g. halted at a crash point); returns its exit code. */
    public int awaitExit(Duration deadline) throws InterruptedException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the runtime did not stop within " + deadline + "\n--- output:\n" + output);
        }
        return process.exitValue();
    }

    /** Kills the process the hard way: no shutdown hooks, no framework stop. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops the runtime as an operator would: closing the console stops the shell and the framework. */
    @Override
    public void close() throws Exception {
        if (System.getenv("LIVESWAP_IT_VERBOSE") != null) {
            System.err.println("--- runtime output in " + folder + ":\n" + output);
        }
        if (process.isAlive()) {
            console.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
