/**
 * The demo unit's API: a notebook of short notes. Lives in its own bundle, which implementation updates never
 * replace.
 */
@Export
@Version("1.0.0")
package io.liveswap.demo.notebook;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
