package dev.tokenmanager.api;

import dev.tokenmanager.metrics.AuthOutcome;
import dev.tokenmanager.metrics.AuthStats;
import dev.tokenmanager.auth.Caller;
import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.http.Problem;
import dev.tokenmanager.http.ProblemResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides who may call each resource method, deny by default: {@link Public} methods anyone; every other one an
 * authenticated caller (else 401), a login session where marked {@link LoginSessionOnly} (else 403), and a member
 * of one of the {@link GroupsAllowed} groups where marked (else 403). Each method's rule is worked out once, when
 * the application starts, and bound to that method as its own filter: a request costs no reflection and no
 * per-request lookup of the matched method.
 */
@Provider
@ApplicationScoped
public class AccessControl implements DynamicFeature {

    @Inject
    CurrentCaller currentCaller;
    @Inject
    AuthStats stats;

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        if (method == null || annotation(method, Public.class).isPresent()) {
            return;
        }
        List<String> groups = annotation(method, GroupsAllowed.class).map(allowed -> List.of(allowed.value()))
                .orElse(List.of());
        context.register(new Rule(annotation(method, LoginSessionOnly.class).isPresent(), groups),
                Priorities.AUTHORIZATION);
    }

    private static <A extends Annotation> Optional<A> annotation(Method method, Class<A> type) {
        A onMethod = method.getAnnotation(type);
        return onMethod != null ? Optional.of(onMethod)
                : Optional.ofNullable(method.getDeclaringClass().getAnnotation(type));
    }

    /** The rule of one resource method. */
    private final class Rule implements ContainerRequestFilter {
        private final boolean loginSessionOnly;
        private final List<String> groups;

        Rule(boolean loginSessionOnly, List<String> groups) {
            this.loginSessionOnly = loginSessionOnly;
            this.groups = groups;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            Optional<Caller> caller = currentCaller.get();
            if (caller.isEmpty()) {
                stats.record(AuthOutcome.NO_TOKEN, 0);
                throw new ProblemException(Problem.of(401, "authentication-required",
                        "This endpoint needs a bearer token."),
                        Map.of("WWW-Authenticate", ProblemResponses.BEARER_CHALLENGE));
            }
            if (loginSessionOnly && !caller.get().isLoginSession()) {
                throw new ProblemException(403, "login-session-required",
                        "A named API token cannot do this; use a login session.");
            }
            if (!groups.isEmpty() && groups.stream().noneMatch(caller.get()::inGroup)) {
                throw new ProblemException(403, "forbidden", "Your account may not do this.");
            }
        }
    }
}
