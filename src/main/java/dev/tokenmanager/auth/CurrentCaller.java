package dev.tokenmanager.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller the authentication mechanism established for this request, if any. */
@ApplicationScoped
public class CurrentCaller {

    /** The request attribute the mechanism stores the {@link Caller} under. */
    public static final String ATTRIBUTE = Caller.class.getName();

    @Inject
    HttpServletRequest request;

    public Optional<Caller> get() {
        return of(request);
    }

    /**
     * The caller of {@code request}, read from the request itself: what a hot path uses where JAX-RS hands it the
     * request, instead of going through the CDI proxy of the request that {@link #get()} uses.
     */
    public static Optional<Caller> of(ServletRequest request) {
        return Optional.ofNullable((Caller) request.getAttribute(ATTRIBUTE));
    }

    /** The same for a JAX-RS filter: the request's properties are its servlet request's attributes. */
    public static Optional<Caller> of(ContainerRequestContext request) {
        return Optional.ofNullable((Caller) request.getProperty(ATTRIBUTE));
    }

    /** The caller; resources reached only by authenticated callers (see the API's access control) use this. */
    public Caller require() {
        return require(request);
    }

    /** {@link #require()} of {@code request} itself (see {@link #of(ServletRequest)}). */
    public static Caller require(ServletRequest request) {
        return of(request).orElseThrow(() -> new IllegalStateException("no authenticated caller"));
    }

    /** The caller as a MicroProfile {@link JsonWebToken}, for resources that inject one. */
    @Produces
    @RequestScoped
    @Typed(JsonWebToken.class)
    JsonWebToken jsonWebToken() {
        return get().map(CallerPrincipal::of).orElse(CallerPrincipal.ANONYMOUS);
    }
}
