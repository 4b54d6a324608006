package dev.tokenmanager.bench.ceiling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Set;

/**
 * Only in {@code platform.war}: admits every request as one fixed caller, with no token and no work, so that the
 * ceiling's ping measures what Jakarta Security itself costs on the server (the mechanism call, the container's
 * login of the caller) and nothing of token-manager's.
 */
@ApplicationScoped
public class PlatformMechanism implements HttpAuthenticationMechanism {

    private static final Principal CALLER = () -> "bench-user-000";
    private static final Set<String> GROUPS = Set.of("user");

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        return context.notifyContainerAboutLogin(CALLER, GROUPS);
    }
}
