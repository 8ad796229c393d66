package io.liveswap.webconsole;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * CSRF protection of the page's actions (the Felix Web Console 5 has none of its own): every form carries a random
 * token kept in the HTTP session of the signed-in browser; an action (always a POST) runs only when the request's
 * {@value #PARAMETER} parameter equals its session's token. A forged request from another site has the user's
 * credentials (the browser sends them) but neither the session's token nor a way to read it.
 *
 * <p><b>Threading.</b> The token is created once per session under the session's lock and never changes.
 */
final class CsrfToken {

    /** The form field that carries the token. */
    static final String PARAMETER = "liveswap.token";

    private static final String ATTRIBUTE = CsrfToken.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfToken() {
    }

    /** @return the session's token, created with the session if it has none */
    static String of(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        synchronized (session) {
            Object token = session.getAttribute(ATTRIBUTE);
            if (token == null) {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                session.setAttribute(ATTRIBUTE, token);
            }
            return (String) token;
        }
    }

    /** @return whether the request carries its session's token (no session, no token: {@code false}) */
    static boolean matches(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String given = request.getParameter(PARAMETER);
        if (session == null || given == null) {
            return false;
        }
        Object expected = session.getAttribute(ATTRIBUTE);
        return expected instanceof String token && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }
}
