package dev.tokenmanager.http;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;

/** The base URL token-manager is reached at: the configured one, else the scheme, host and port of the request. */
public final class PublicUrl {

    private PublicUrl() {
    }

    /** The base URL, without a trailing slash: {@code https://auth.example.com} (plus the context path). */
    public static String base(Optional<URI> configured, HttpServletRequest request) {
        if (configured.isPresent()) {
            return configured.get().toString();
        }
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String host = request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + request.getContextPath();
    }
}
