package dev.tokenmanager.auth;

import dev.tokenmanager.crypto.RandomIds;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * The admin console's session cookie: a random secret (256 bits) whose hash names the console's login session.
 * HttpOnly, {@code SameSite=Strict}, {@code Secure} over HTTPS, and sent only to the console's own paths.
 */
public final class ConsoleCookie {

    public static final String NAME = "tm_console";
    /** Length of the secret: 256 random bits in base64url. */
    public static final int SECRET_LENGTH = 43;

    private ConsoleCookie() {
    }

    /** A new secret for a console login. */
    public static String newSecret() {
        return RandomIds.newSecret();
    }

    /** The secret the request's console cookie carries, if any. */
    public static Optional<String> secretOf(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName()) && cookie.getValue() != null) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** Sets the cookie for a new console login (a browser-session cookie: no expiry). */
    public static void set(HttpServletRequest request, HttpServletResponse response, String secret) {
        response.addCookie(cookie(request, secret, -1));
    }

    /** Removes the cookie. */
    public static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addCookie(cookie(request, "", 0));
    }

    private static Cookie cookie(HttpServletRequest request, String value, int maxAge) {
        Cookie cookie = new Cookie(NAME, value);
        cookie.setPath(request.getContextPath() + "/admin");
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setMaxAge(maxAge);
        cookie.setAttribute("SameSite", "Strict");
        return cookie;
    }
}
