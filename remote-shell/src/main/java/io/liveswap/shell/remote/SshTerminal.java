package io.liveswap.shell.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.Signal;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.ControlChar;
import org.jline.terminal.Attributes.InputFlag;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Attributes.OutputFlag;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * A JLine terminal over an SSH channel's streams, set up as the client's terminal asked: its type ({@code TERM}),
 * size (and later changes of it), and the pty modes the client sent (control characters, echo, line discipline,
 * newline translation). Without a pty (e.g. {@code ssh -T}) the terminal is a dumb one that does not echo.
 */
final class SshTerminal {

    private static final Map<PtyMode, ControlChar> CONTROL_CHARS = new EnumMap<>(PtyMode.class);
    private static final Map<PtyMode, InputFlag> INPUT_FLAGS = new EnumMap<>(PtyMode.class);
    private static final Map<PtyMode, LocalFlag> LOCAL_FLAGS = new EnumMap<>(PtyMode.class);
    private static final Map<PtyMode, OutputFlag> OUTPUT_FLAGS = new EnumMap<>(PtyMode.class);

    static {
        for (ControlChar c : ControlChar.values()) {
            putIfNamed(CONTROL_CHARS, c.name(), c);
        }
        for (InputFlag f : InputFlag.values()) {
            putIfNamed(INPUT_FLAGS, f.name(), f);
        }
        for (LocalFlag f : LocalFlag.values()) {
            putIfNamed(LOCAL_FLAGS, f.name(), f);
        }
        for (OutputFlag f : OutputFlag.values()) {
            putIfNamed(OUTPUT_FLAGS, f.name(), f);
        }
    }

    private SshTerminal() {
    }

    /** Opens the terminal; the caller closes it. */
    static Terminal open(Environment env, InputStream in, OutputStream out) throws IOException {
        Map<String, String> variables = env.getEnv();
        // MINA sets TERM from the client's pty request; the modes may be empty (a client without a terminal of its
        // own, e.g. ssh -tt from a script): JLine's defaults (echo, CR to NL in, NL to CR NL out) stay then
        boolean pty = variables.containsKey(Environment.ENV_TERM);
        String type = pty ? variables.get(Environment.ENV_TERM) : Terminal.TYPE_DUMB;
        Terminal terminal = build(type, in, out);
        Attributes attributes = terminal.getAttributes();
        if (pty) {
            env.getPtyModes().forEach((mode, value) -> apply(attributes, mode, value));
        } else {
            attributes.setLocalFlag(LocalFlag.ECHO, false);
            attributes.setOutputFlag(OutputFlag.ONLCR, false);
        }
        terminal.setAttributes(attributes);
        terminal.setSize(size(variables));
        env.addSignalListener((channel, signal) -> {
            terminal.setSize(size(env.getEnv()));
            terminal.raise(Terminal.Signal.WINCH);
        }, Signal.WINCH);
        env.addSignalListener((channel, signal) -> terminal.raise(Terminal.Signal.INT), Signal.INT);
        return terminal;
    }

    /**
     * Builds the terminal: JLine's line discipline in Java over the channel's streams (the {@code exec} provider's
     * external terminal), not a native pseudo-terminal of the host (the other providers' choice). With JLine's class
     * loader as the thread's context class loader: JLine finds its terminal providers through it, and in OSGi the
     * thread's own (MINA's or the launcher's) does not see them.
     */
    private static Terminal build(String type, InputStream in, OutputStream out) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(TerminalBuilder.class.getClassLoader());
        try {
            return TerminalBuilder.builder().name("liveswap-ssh").type(type).system(false).streams(in, out)
                    .provider(TerminalBuilder.PROP_PROVIDER_EXEC).encoding(StandardCharsets.UTF_8).build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void apply(Attributes attributes, PtyMode mode, int value) {
        if (CONTROL_CHARS.containsKey(mode)) {
            attributes.setControlChar(CONTROL_CHARS.get(mode), value);
        } else if (INPUT_FLAGS.containsKey(mode)) {
            attributes.setInputFlag(INPUT_FLAGS.get(mode), value != 0);
        } else if (LOCAL_FLAGS.containsKey(mode)) {
            attributes.setLocalFlag(LOCAL_FLAGS.get(mode), value != 0);
        } else if (OUTPUT_FLAGS.containsKey(mode)) {
            attributes.setOutputFlag(OUTPUT_FLAGS.get(mode), value != 0);
        }
    }

    static Size size(Map<String, String> variables) {
        return new Size(number(variables.get(Environment.ENV_COLUMNS), 80),
                number(variables.get(Environment.ENV_LINES), 24));
    }

    private static int number(String text, int otherwise) {
        try {
            int value = text == null ? otherwise : Integer.parseInt(text.trim());
            return value > 0 ? value : otherwise;
        } catch (NumberFormatException notANumber) {
            return otherwise;
        }
    }

    /** Maps the pty mode of the same name (RFC 4254, 8), if there is one, to a JLine attribute. */
    private static <T> void putIfNamed(Map<PtyMode, T> map, String name, T value) {
        for (PtyMode mode : PtyMode.values()) {
            if (mode.name().equals(name)) {
                map.put(mode, value);
            }
        }
    }
}
