package io.liveswap.webconsole;

import java.io.IOException;

/** What an action may read from its form: the unit field, or the uploaded jar (written on first use). */
interface ActionInput {

    /** @return the form's {@code unit} field, trimmed, or {@code null} */
    String unit();

    /** @return the uploaded jar, or the reason there is none */
    UploadedJar upload() throws IOException;
}
