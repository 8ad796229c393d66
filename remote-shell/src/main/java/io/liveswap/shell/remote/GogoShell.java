package io.liveswap.shell.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.jline.terminal.Terminal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SSH {@code shell} channel: Gogo's JLine console (line editing, history within the session, Tab completion, the
 * login profile) in a Gogo session of its own, over a terminal on the channel ({@link SshTerminal}). It is the same
 * console as the local one (Gogo JLine's {@link Shell#gosh} with {@code --login}), except that ending it ends only this SSH session, never the
 * framework: {@code --noshutdown}, and {@code exit} and {@code logout} close the channel instead of calling
 * {@code System.exit} (which the login profile's {@code addcommand system} would otherwise reach).
 *
 * <p>Threading: the console runs on a thread of its own, started by {@link #start}; MINA's threads call
 * {@link #destroy} when the channel closes from the client's side. Protocol: {@code destroy} closes the session and
 * the terminal, which makes the console's pending read end (EOF), and the console thread then returns;
 * {@link #finish} runs once, whichever side ends first ({@code finished} is set under the object's lock).
 */
final class GogoShell implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(GogoShell.class);
    /** Gogo JLine's session variable with the terminal its console reads (Shell.VAR_TERMINAL). */
    private static final String TERMINAL = ".terminal";
    private static final String[] CONSOLE = {"--login", "--noshutdown", "--nohistory"};

    private final CommandProcessor processor;
    private final Shell shell;
    private InputStream in;
    private OutputStream out;
    private ExitCallback exit;
    private Terminal terminal;
    private CommandSession session;
    private boolean finished;

    GogoShell(CommandProcessor processor, Shell shell) {
        this.processor = processor;
        this.shell = shell;
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
        // the console writes errors to the terminal, as the local one does
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        String who = channel.getSession().getUsername() + "@" + channel.getSession().getClientAddress();
        synchronized (this) {
            terminal = SshTerminal.open(env, in, out);
            session = processor.createSession(terminal.input(), terminal.output(), terminal.output());
        }
        Thread console = new Thread(() -> run(who), "liveswap-ssh-shell " + who);
        console.setDaemon(true);
        console.start();
    }

    private void run(String who) {
        LOG.info("Remote shell: session opened for {}", who);
        try {
            session.put(TERMINAL, terminal);
            Function logout = (s, arguments) -> {
                finish();
                return null;
            };
            session.put("exit", logout);
            session.put("logout", logout);
            // called directly, as the local console does: run through session.execute, the console would be a job
            // of its session and wait for its own commands' jobs behind itself
            shell.gosh(session, CONSOLE.clone());
        } catch (Exception e) {
            if (!isFinished()) {
                LOG.warn("Remote shell: the console of {} ended with {}", who, e.toString());
            }
        } finally {
            finish();
            LOG.info("Remote shell: session closed for {}", who);
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        finish();
    }

    private synchronized boolean isFinished() {
        return finished;
    }

    private void finish() {
        CommandSession ending;
        Terminal closing;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            ending = session;
            closing = terminal;
        }
        if (ending != null) { // null when start failed: MINA closes the channel then
            ending.close();
        }
        try {
            if (closing != null) {
                closing.close();
            }
        } catch (IOException ignored) {
            // the channel is gone already
        }
        exit.onExit(0);
    }
}
