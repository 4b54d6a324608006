package dev.tokenmanager.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
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
        return Optional.ofNullable((Caller) request.getAttribute(ATTRIBUTE));
    }

    /** The caller; resources reached only by authenticated callers (see the API's access control) use this. */
    public Caller require() {
        return get().orElseThrow(() -> new IllegalStateException("no authenticated caller"));
    }

    /** The caller as a MicroProfile {@link JsonWebToken}, for resources that inject one. */
    @Produces
    @RequestScoped
    @Typed(JsonWebToken.class)
    JsonWebToken jsonWebToken() {
        return get().map(CallerPrincipal::of).orElse(CallerPrincipal.ANONYMOUS);
    }
}
