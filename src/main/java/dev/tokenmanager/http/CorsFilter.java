package dev.tokenmanager.http;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Applies the {@link CorsPolicy} to the API: answers preflights, marks allowed cross-origin responses. */
// Async: the revocation feed's streams under /api are asynchronous requests.
@WebFilter(filterName = "cors", urlPatterns = "/api/*", asyncSupported = true)
public class CorsFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient CorsPolicy policy;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (CorsPolicy.isPreflight(request)) {
            policy.answerPreflight(request, response);
            return;
        }
        policy.addResponseHeaders(request, response);
        chain.doFilter(request, response);
    }
}
