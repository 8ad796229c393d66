package io.liveswap.updates;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The watched folder as the platform sees it: every file in it and what the platform made of it.
 *
 * <p><b>Threading.</b> Thread safe; the answer is a snapshot.
 */
@ProviderType
public interface DeployFolder {

    /** @return every file in the watched folders, sorted by path */
    List<FolderEntryDTO> entries();
}
