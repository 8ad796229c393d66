package io.liveswap.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the default logging configuration ({@code etc/logback.xml}, from this bundle's
 * {@code defaults/logback.xml}) where the runtime's {@value #CONFIGURATION_PROPERTY} points, if no file is there.
 *
 * <p>Lifecycle: called once, before anything in the runtime logs: Logback reads its configuration on the first
 * SLF4J call, so this class must not log (it reports a failure on standard error and leaves Logback to its own
 * defaults). An existing file is never touched: it is the operator's.
 */
final class LoggingDefaults {

    /** Logback's system property naming its configuration file; set by the runtime's bndrun. */
    static final String CONFIGURATION_PROPERTY = "logback.configurationFile";

    private LoggingDefaults() {
    }

    static void ensure(String configurationFile) {
        if (configurationFile == null || configurationFile.isBlank()) {
            return;
        }
        Path file = Path.of(configurationFile).toAbsolutePath();
        if (Files.exists(file)) {
            return;
        }
        try (InputStream defaults = LoggingDefaults.class.getResourceAsStream("/defaults/logback.xml")) {
            if (defaults == null) {
                throw new IOException("defaults/logback.xml is missing from the runtime support bundle");
            }
            Files.createDirectories(file.getParent());
            Files.copy(defaults, file);
        } catch (IOException | UncheckedIOException e) {
            // standard error, not SLF4J: this runs before the logging back end has a configuration to read
            System.err.println("Liveswap: could not write the default logging configuration " + file + ": " + e);
        }
    }
}
