package io.liveswap.runtime.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import java.util.concurrent.atomic.AtomicBoolean;


import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.slf4j.LoggerFactory;

/**
 * The runtime's pid file ({@value #PROPERTY}, by default {@code liveswap-data/liveswap.pid}): written with this
 * JVM's process id once the framework has started (every start level reached), deleted when the framework stops.
 * {@code bin/liveswap start} waits for it as the sign that the runtime is up; {@code status} and {@code stop} read
 * it. A pid file left by a killed runtime is overwritten by the next start.
 *
 * <p>Threading: the framework delivers its events on its own thread (the flag makes the write happen once); {@link #delete()} runs when this
 * bundle stops. Written through a temporary file and a rename, so a reader never sees a half-written id.
 */
final class PidFile implements FrameworkListener {

    static final String PROPERTY = "liveswap.pid.file";

    private final Path file;
    private final Bundle framework;
    private final int beginning;
    private final AtomicBoolean written = new AtomicBoolean();

    PidFile(String file, Bundle framework, String beginningStartLevel) {
        this.file = file == null || file.isBlank() ? null : Path.of(file).toAbsolutePath();
        this.framework = framework;
        this.beginning = beginningStartLevel == null ? 1 : Integer.parseInt(beginningStartLevel.trim());
    }

    /** Writes the file once the framework is active at its beginning start level (the launcher may reach it
     * after STARTED, through start level changes). */
    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (file == null || (event.getType() != FrameworkEvent.STARTED
                && event.getType() != FrameworkEvent.STARTLEVEL_CHANGED)) {
            return;
        }
        FrameworkStartLevel level = framework.adapt(FrameworkStartLevel.class);
        if (framework.getState() == Bundle.ACTIVE && level.getStartLevel() >= beginning
                && written.compareAndSet(false, true)) {
            write();
        }
    }

    private void write() {
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LoggerFactory.getLogger(PidFile.class).info("Runtime started: process {}, pid file {}",
                    ProcessHandle.current().pid(), file);
        } catch (IOException e) {
            LoggerFactory.getLogger(PidFile.class).error("Could not write the pid file {}: {}", file, e.toString());
        }
    }

    void delete() {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // standard error, not SLF4J: the pid file goes when the framework has stopped, logging with it
            System.err.println("Liveswap: could not delete the pid file " + file + ": " + e);
        }
    }
}
