package dev.tokenmanager.auth;

import dev.tokenmanager.account.Groups;
import dev.tokenmanager.health.Startup;
import dev.tokenmanager.http.CorsPolicy;
import dev.tokenmanager.http.Problem;
import dev.tokenmanager.http.ProblemResponses;
import dev.tokenmanager.http.PublicEndpoints;
import dev.tokenmanager.metrics.AuthOutcome;
import dev.tokenmanager.persistence.DatabaseFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * The one authentication mechanism of the application. It only extracts the credential and answers: the API's
 * CORS (see {@link CorsPolicy}: preflights answered here, allowed origins marked on every API answer); a
 * {@code Refresh-Token} header outside {@code /api/auth/refresh} gets 400; a bearer credential on {@code /api/*}
 * is handed to the {@link BearerAuthenticator}, and a refused one gets 401 with an RFC 6750 challenge (whether a
 * resource needs a caller at all is decided later, by the API's access control); the admin console under
 * {@code /admin} is reached with its HttpOnly cookie, else the browser goes to the console's login page.
 */
@ApplicationScoped
public class TokenAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Where a refresh token may be sent in a header. */
    public static final String REFRESH_PATH = "/api/auth/refresh";

    /** The admin console, and its one page anyone may see. */
    public static final String CONSOLE_PATH = "/admin";
    public static final String CONSOLE_LOGIN_PAGE = "/admin/login.xhtml";

    private final BearerAuthenticator authenticator;
    private final CorsPolicy cors;
    private final PublicEndpoints.Paths publicPaths;
    private final Startup startup;

    @Inject
    public TokenAuthenticationMechanism(BearerAuthenticator authenticator, CorsPolicy cors,
                                        PublicEndpoints publicEndpoints, Startup startup) {
        this.authenticator = authenticator;
        this.cors = cors;
        // The paths as collected while the application deployed, held here: no CDI proxy on every request.
        this.publicPaths = publicEndpoints == null ? null : publicEndpoints.paths();
        this.startup = startup;
    }

    /** CDI's no-argument constructor for the client proxy. */
    protected TokenAuthenticationMechanism() {
        this(null, null, null, null);
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String path = pathOf(request);
        boolean api = path.startsWith("/api/");
        try {
            if (api) {
                // CORS here rather than in a servlet filter: one container invocation less on every API request.
                if (CorsPolicy.isPreflight(request)) {
                    cors.answerPreflight(request, response);
                    return refused(request);
                }
                cors.addResponseHeaders(request, response);
            }
            if (!startup.isReady() && (api || path.startsWith(CONSOLE_PATH))) {
                // Started while the database was away: nothing can be checked or granted until it answers.
                ProblemResponses.writeDatabaseUnavailable(response);
                return refused(request);
            }
            if (request.getHeader("Refresh-Token") != null && !REFRESH_PATH.equals(path)) {
                ProblemResponses.write(response, Problem.of(400, "refresh-token-misplaced",
                        "A refresh token is only accepted by POST " + REFRESH_PATH + "."));
                return refused(request);
            }
            if (path.startsWith(CONSOLE_PATH)) {
                return console(request, response, context, path);
            }
            // Anyone may call a public endpoint: a stale token sent along must not stop a login or a refresh.
            if (!api || publicPaths.isPublic(path) || "OPTIONS".equals(request.getMethod())) {
                return context.doNothing();
            }
            Optional<String> credential = bearerCredential(request.getHeader("Authorization"));
            if (credential.isEmpty()) {
                return context.doNothing();
            }
            Authentication result;
            try {
                result = authenticator.authenticate(credential.get());
            } catch (RuntimeException e) {
                if (!DatabaseFailures.isDatabaseUnavailable(e)) {
                    throw e;
                }
                ProblemResponses.writeDatabaseUnavailable(response);
                return refused(request);
            }
            if (result instanceof Authentication.Success success) {
                Caller caller = success.caller();
                request.setAttribute(CurrentCaller.ATTRIBUTE, caller);
                return context.notifyContainerAboutLogin(CallerPrincipal.of(caller), Set.copyOf(caller.groups()));
            }
            response.setHeader("WWW-Authenticate", ProblemResponses.INVALID_TOKEN_CHALLENGE);
            ProblemResponses.write(response, Problem.of(401, "invalid-token", invalidTokenDetail(result.outcome())));
            return refused(request);
        } catch (IOException e) {
            return AuthenticationStatus.SEND_FAILURE;
        }
    }

    /** The largest request body read and discarded when a request is refused; a larger one is left unread. */
    private static final int MAX_DISCARDED_BODY = 64 * 1024;

    /**
     * Refuses the request after its answer was written: reads a small request body to its end first, so that the
     * container sees the exchange complete (Undertow otherwise tries to send an error page on the committed answer
     * and logs UT010019).
     */
    private static AuthenticationStatus refused(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length > 0 && length <= MAX_DISCARDED_BODY) {
            try {
                request.getInputStream().readNBytes(MAX_DISCARDED_BODY);
            } catch (IOException | RuntimeException e) {
                // The answer is written already; an unread body only costs a log line.
            }
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /**
     * The admin console: every page but the login page needs the console cookie of a live login session whose
     * account is in group admin now; without one, the browser is sent to the login page.
     */
    private AuthenticationStatus console(HttpServletRequest request, HttpServletResponse response,
                                         HttpMessageContext context, String path) throws IOException {
        if (CONSOLE_LOGIN_PAGE.equals(path)) {
            return context.doNothing();
        }
        Optional<String> secret = ConsoleCookie.secretOf(request);
        if (secret.isPresent()
                && authenticator.authenticateConsole(secret.get()) instanceof Authentication.Success success
                && success.caller().inGroup(Groups.ADMIN)) {
            Caller caller = success.caller();
            request.setAttribute(CurrentCaller.ATTRIBUTE, caller);
            return context.notifyContainerAboutLogin(CallerPrincipal.of(caller), Set.copyOf(caller.groups()));
        }
        if (secret.isPresent()) {
            ConsoleCookie.clear(request, response);
        }
        String login = request.getContextPath() + CONSOLE_LOGIN_PAGE;
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            // A Faces Ajax request follows a redirect only when told in a partial response.
            response.setContentType("text/xml");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response>"
                    + "<redirect url=\"" + login + "\"/></partial-response>");
        } else {
            response.setHeader("Cache-Control", "no-store");
            response.sendRedirect(login);
        }
        response.flushBuffer();
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** The path inside the application, decoded and normalized by the container. */
    static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    /** The credential of an {@code Authorization: Bearer <credential>} header; empty for any other scheme. */
    public static Optional<String> bearerCredential(String authorization) {
        // Compared in place: the header is read on every API request and carries a token of some 700 characters.
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(7).trim());
    }

    /** The {@code detail} of the 401 {@code invalid-token} problem for a refused bearer credential. */
    public static String invalidTokenDetail(AuthOutcome outcome) {
        return switch (outcome) {
            case EXPIRED -> "The access token has expired.";
            case REVOKED, SESSION_EXPIRED, UNKNOWN_SESSION, ACCOUNT_DISABLED -> "The session of this token has ended.";
            default -> "The access token is not valid.";
        };
    }
}
