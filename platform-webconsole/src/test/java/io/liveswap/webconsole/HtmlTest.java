package io.liveswap.webconsole;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class HtmlTest {

    @Test
    public void escapesEveryMarkupCharacter() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
                Html.text("<script>alert(\"x\")</script> & 'y'"));
    }

    @Test
    public void showsNullAsADash() {
        assertEquals("-", Html.text(null));
    }

    @Test
    public void leavesPlainTextAlone() {
        assertEquals("notebook 1.0.0 \u2192 2.0.0", Html.text("notebook 1.0.0 \u2192 2.0.0"));
    }
}
