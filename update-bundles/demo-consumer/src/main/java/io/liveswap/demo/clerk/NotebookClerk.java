package io.liveswap.demo.clerk;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.demo.notebook.Notebook;

/**
 * The demo consumer: a plain DS component that writes a note at a fixed rate and now and then logs what the
 * notebook holds. It never learns that the notebook is swapped underneath it.
 */
@Component(immediate = true, configurationPid = NotebookClerk.PID)
@Designate(ocd = NotebookClerk.Config.class)
public class NotebookClerk {

    static final String PID = "io.liveswap.demo.clerk";

    @ObjectClassDefinition(name = "Liveswap demo clerk")
    @interface Config {
        @AttributeDefinition(description = "Milliseconds between two notes")
        long intervalMillis() default 200;

        @AttributeDefinition(description = "Log the notebook's content every this many notes")
        int reportEvery() default 50;
    }

    private static final Logger LOG = LoggerFactory.getLogger(NotebookClerk.class);

    private final Notebook notebook;
    private final ScheduledExecutorService timer;
    private final int reportEvery;
    private long written;

    @Activate
    public NotebookClerk(@Reference Notebook notebook, Config config) {
        this.notebook = notebook;
        this.reportEvery = Math.max(1, config.reportEvery());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "demo-notebook-clerk"));
        timer.scheduleAtFixedRate(this::write, 0, Math.max(1, config.intervalMillis()), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void write() {
        try {
            int size = notebook.add("note " + (++written));
            if (written % reportEvery == 0) {
                LOG.info("Clerk wrote {} notes; notebook {} holds {}, latest {}", written, notebook, size,
                        notebook.latest(3));
            }
        } catch (RuntimeException e) {
            LOG.warn("Clerk could not write note {}: {}", written, e.toString());
        }
    }
}
