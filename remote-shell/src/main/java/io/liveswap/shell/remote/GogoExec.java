package io.liveswap.shell.remote;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SSH {@code exec} channel ({@code ssh host liveswap:units}): one Gogo command line, run in a Gogo session of its
 * own whose output and errors go to the channel. The result is printed as the console prints it; the exit status is
 * 0, or 1 if the command threw (its message goes to the error stream).
 *
 * <p>Threading: the command runs on a thread of its own, started by {@link #start}; {@link #destroy} (the client
 * went away) closes the session, which interrupts a command still running.
 */
final class GogoExec implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(GogoExec.class);

    private final CommandProcessor processor;
    private final String line;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile CommandSession session;

    GogoExec(CommandProcessor processor, String line) {
        this.processor = processor;
        this.line = line;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        String who = channel.getSession().getUsername() + "@" + channel.getSession().getClientAddress();
        Thread runner = new Thread(() -> run(who), "liveswap-ssh-exec " + who);
        runner.setDaemon(true);
        runner.start();
    }

    private void run(String who) {
        LOG.info("Remote shell: {} runs '{}'", who, line);
        int status = 0;
        try (PrintStream output = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            CommandSession own = processor.createSession(in, output, errors);
            session = own;
            try {
                Object result = own.execute(line);
                if (result != null) {
                    output.println(own.format(result, Converter.INSPECT));
                }
            } catch (Exception e) {
                status = 1;
                errors.println(e.getMessage() == null ? e.toString() : e.getMessage());
            } finally {
                own.close();
            }
        }
        exit.onExit(status);
    }

    @Override
    public void destroy(ChannelSession channel) {
        CommandSession running = session;
        if (running != null) {
            running.close();
        }
    }
}
