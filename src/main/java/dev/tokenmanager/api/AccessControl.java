package dev.tokenmanager.api;

import dev.tokenmanager.auth.Caller;
import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.http.Problem;
import dev.tokenmanager.http.ProblemResponses;
import dev.tokenmanager.http.Public;
import dev.tokenmanager.metrics.AuthOutcome;
import dev.tokenmanager.metrics.AuthStats;
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

    private final AuthStats stats;

    @Inject
    public AccessControl(AuthStats stats) {
        this.stats = stats;
    }

    /**
     * CDI's no-argument constructor for the client proxy. Public because RESTEasy (WildFly) will not register a
     * provider without a constructor it can call itself; it then asks CDI for the bean, so this one only ever
     * builds proxies.
     */
    public AccessControl() {
        this(null);
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        ruleOf(resource.getResourceMethod())
                .ifPresent(rule -> context.register(new Filter(rule), Priorities.AUTHORIZATION));
    }

    /** The rule of a resource method; empty for a {@link Public} one, which anyone may call. */
    static Optional<Rule> ruleOf(Method method) {
        if (method == null || annotation(method, Public.class).isPresent()) {
            return Optional.empty();
        }
        List<String> groups = annotation(method, GroupsAllowed.class).map(allowed -> List.of(allowed.value()))
                .orElse(List.of());
        return Optional.of(new Rule(annotation(method, LoginSessionOnly.class).isPresent(), groups));
    }

    private static <A extends Annotation> Optional<A> annotation(Method method, Class<A> type) {
        A onMethod = method.getAnnotation(type);
        return onMethod != null ? Optional.of(onMethod)
                : Optional.ofNullable(method.getDeclaringClass().getAnnotation(type));
    }

    /**
     * Who may call one resource method.
     *
     * @param loginSessionOnly a named API token is refused
     * @param groups           the caller must be in one of these; empty: any authenticated caller
     */
    record Rule(boolean loginSessionOnly, List<String> groups) {

        Rule {
            groups = List.copyOf(groups);
        }

        /** Why {@code caller} may not call the method, or empty when it may. */
        Optional<ProblemException> refusal(Optional<Caller> caller) {
            if (caller.isEmpty()) {
                return Optional.of(new ProblemException(Problem.of(401, "authentication-required",
                        "This endpoint needs a bearer token."),
                        Map.of("WWW-Authenticate", ProblemResponses.BEARER_CHALLENGE)));
            }
            if (loginSessionOnly && !caller.get().isLoginSession()) {
                return Optional.of(new ProblemException(403, "login-session-required",
                        "A named API token cannot do this; use a login session."));
            }
            if (!groups.isEmpty() && groups.stream().noneMatch(caller.get()::inGroup)) {
                return Optional.of(new ProblemException(403, "forbidden", "Your account may not do this."));
            }
            return Optional.empty();
        }
    }

    /** The filter bound to one resource method. */
    private final class Filter implements ContainerRequestFilter {
        private final Rule rule;

        Filter(Rule rule) {
            this.rule = rule;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            Optional<Caller> caller = CurrentCaller.of(request);
            if (caller.isEmpty()) {
                stats.record(AuthOutcome.NO_TOKEN, 0);
            }
            Optional<ProblemException> refusal = rule.refusal(caller);
            if (refusal.isPresent()) {
                throw refusal.get();
            }
        }
    }
}
