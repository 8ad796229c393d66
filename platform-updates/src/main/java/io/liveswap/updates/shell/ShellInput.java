package io.liveswap.updates.shell;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The resolution of {@code liveswap:apply}'s path argument, with a one-line answer (cause and remedy) for a path
 * that is not a jar file. The other wrong input is worded by {@code io.liveswap.core.shell.input.Arguments}.
 */
final class ShellInput {

    /** A URL scheme of two letters or more (one letter is a Windows drive). */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private ShellInput() {
    }

    /** The jar a path or {@code file:} URL names, or why it names none. */
    record Jar(Path path, String problem) {
    }

    /**
     * @param argument a path (absolute, or relative to the runtime's working folder) or a {@code file:} URL
     */
    static Jar jar(String argument) {
        return jar("apply", argument);
    }

    /**
     * @param command the command's name without its scope ({@code apply}, {@code check})
     * @param argument a path (absolute, or relative to the runtime's working folder) or a {@code file:} URL
     */
    static Jar jar(String command, String argument) {
        String accepted = "liveswap:" + command + " takes the path of an update bundle jar (absolute, or relative to "
                + Path.of("").toAbsolutePath() + ") or a file: URL";
        Path path;
        try {
            if (argument.startsWith("file:")) {
                path = Path.of(URI.create(argument));
            } else if (SCHEME.matcher(argument).matches()) {
                return new Jar(null, accepted + "; '" + argument + "' is a " + argument.substring(0,
                        argument.indexOf(':')) + " URL: download it, then " + command + " the file");
            } else {
                path = Path.of(argument);
            }
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException bad) {
            return new Jar(null, accepted + "; '" + argument + "' is neither (" + bad.getMessage() + ")");
        }
        path = path.toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            return new Jar(null, accepted + "; " + path + " is a folder: name a jar in it");
        }
        if (!Files.exists(path)) {
            return new Jar(null, accepted + "; there is no file " + path);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            return new Jar(null, accepted + "; " + path + " is not a readable file");
        }
        return new Jar(path, null);
    }
}
