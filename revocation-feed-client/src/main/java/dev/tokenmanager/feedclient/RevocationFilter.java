package dev.tokenmanager.feedclient;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses, before anything of the application runs, every request whose verified token ({@link JsonWebToken}, as
 * the server's MicroProfile JWT established it) belongs to a session token-manager's revocation feed said ended:
 * {@code 401} with a Bearer challenge. In fail-closed mode, while the feed is out of reach for longer than the
 * bound (or not caught up with yet), every request with a token gets {@code 503}. Requests without a token pass:
 * the application's own security decides about them. Registered by the library's {@code web-fragment.xml}.
 */
public class RevocationFilter implements Filter {

    static final String ENDED_CHALLENGE = "Bearer error=\"invalid_token\", error_description=\"The session has ended\"";
    static final String ENDED_PROBLEM = "{\"type\":\"urn:token-manager:problem:session-ended\",\"title\":\"Unauthorized\","
            + "\"status\":401,\"detail\":\"The session of this token has ended.\"}";
    static final String UNAVAILABLE_PROBLEM = "{\"type\":\"urn:token-manager:problem:revocation-feed-unavailable\","
            + "\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"Revocations cannot be checked right now;"
            + " try again shortly.\"}";

    private EndedSessions ended;
    private FeedHealth health;
    private FeedFollower follower;

    @Override
    @SuppressWarnings("BanJNDI") // fixed names of the platform's default executors, never user input
    public void init(FilterConfig config) throws ServletException {
        FeedClientSettings settings;
        try {
            Config mpConfig = ConfigProvider.getConfig(config.getServletContext().getClassLoader());
            settings = FeedClientSettings.read(name -> mpConfig.getOptionalValue(name, String.class));
        } catch (IllegalArgumentException e) {
            throw new ServletException("revocation feed client: " + e.getMessage(), e);
        }
        ManagedScheduledExecutorService scheduler;
        ManagedExecutorService executor;
        try {
            scheduler = InitialContext.doLookup("java:comp/DefaultManagedScheduledExecutorService");
            executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        } catch (NamingException e) {
            throw new ServletException("revocation feed client: the server offers no default managed executors", e);
        }
        ended = new EndedSessions(settings.clockSkew().toSeconds());
        health = new FeedHealth(settings.mode(), settings.maxOutage().toMillis());
        follower = new FeedFollower(settings, ended, health, scheduler, executor, System::currentTimeMillis);
        follower.start();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Principal principal = request instanceof HttpServletRequest http ? http.getUserPrincipal() : null;
        if (principal instanceof JsonWebToken token) {
            long now = System.currentTimeMillis();
            if (health.refusesEveryToken(now)) {
                if (follower != null) {
                    follower.reportState(now);
                }
                HttpServletResponse answer = (HttpServletResponse) response;
                answer.setHeader("Retry-After", "5");
                write(answer, 503, UNAVAILABLE_PROBLEM);
                return;
            }
            Object sid = token.getClaim("sid");
            if (sid != null && ended.hasEnded(sid.toString(), now / 1000)) {
                HttpServletResponse answer = (HttpServletResponse) response;
                answer.setHeader("WWW-Authenticate", ENDED_CHALLENGE);
                write(answer, 401, ENDED_PROBLEM);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static void write(HttpServletResponse response, int status, String problem) throws IOException {
        byte[] body = problem.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @Override
    public void destroy() {
        if (follower != null) {
            follower.stop();
        }
    }
}
