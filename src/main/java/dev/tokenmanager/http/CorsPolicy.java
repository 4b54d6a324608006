package dev.tokenmanager.http;

import dev.tokenmanager.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;

/**
 * Cross-origin access for browser front ends on other origins: only the configured origins (none by default), each
 * named exactly, never {@code *}. Tokens travel in headers, not cookies, so credentials are never allowed.
 */
@ApplicationScoped
public class CorsPolicy {

    static final String ALLOWED_METHODS = "GET, POST, PATCH, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Refresh-Token, X-Device-Model";
    static final String EXPOSED_HEADERS = "WWW-Authenticate, Retry-After, Location";

    @Inject
    Settings settings;

    private Set<String> origins;

    @PostConstruct
    void init() {
        origins = Set.copyOf(settings.corsOrigins());
    }

    /** Whether {@code request} is a CORS preflight. */
    public static boolean isPreflight(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod()) && request.getHeader("Origin") != null
                && request.getHeader("Access-Control-Request-Method") != null;
    }

    /** Whether the request's origin may call the API. */
    public boolean allows(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        return origin != null && origins.contains(origin);
    }

    /** Adds the headers of an actual (not preflight) cross-origin response, when the origin is allowed. */
    public void addResponseHeaders(HttpServletRequest request, HttpServletResponse response) {
        if (request.getHeader("Origin") == null) {
            return;
        }
        response.addHeader("Vary", "Origin");
        if (allows(request)) {
            response.setHeader("Access-Control-Allow-Origin", request.getHeader("Origin"));
            response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }

    /** Answers a preflight: 204 with the allowed methods and headers, or 403 for an origin not configured. */
    public void answerPreflight(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
        response.addHeader("Vary", "Origin");
        if (!allows(request)) {
            ProblemResponses.write(response, Problem.of(403, "origin-not-allowed",
                    "This origin may not call the API."));
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", request.getHeader("Origin"));
        response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
        response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        response.setHeader("Access-Control-Max-Age", "600");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        response.flushBuffer();
    }
}
