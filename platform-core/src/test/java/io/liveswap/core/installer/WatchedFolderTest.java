package io.liveswap.core.installer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The warning about a watched folder that other users can write to. */
public class WatchedFolderTest {

    @Rule
    public TemporaryFolder temporary = new TemporaryFolder();

    @Test
    public void aFolderOthersCanWriteToIsReported() throws Exception {
        Path open = Files.createDirectory(temporary.getRoot().toPath().resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(Optional.of("rwxrwxrwx"), WatchedFolder.othersCanWrite(open));
    }

    @Test
    public void aFolderOnlyItsOwnerCanWriteToIsNot() throws Exception {
        Path closed = Files.createDirectory(temporary.getRoot().toPath().resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertTrue(WatchedFolder.othersCanWrite(closed).isEmpty());
    }
}
