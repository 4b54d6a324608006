package dev.tokenmanager.api;

import dev.tokenmanager.auth.AuthOutcome;
import dev.tokenmanager.auth.AuthStats;
import dev.tokenmanager.auth.Caller;
import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.http.Problem;
import dev.tokenmanager.http.ProblemResponses;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Decides who may call each resource method, deny by default: {@link Public} methods anyone; every other one an
 * authenticated caller (else 401), a login session where marked {@link LoginSessionOnly} (else 403), and a member
 * of one of the {@link GroupsAllowed} groups where marked (else 403).
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHORIZATION)
public class AccessFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;
    @Inject
    CurrentCaller currentCaller;
    @Inject
    AuthStats stats;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null || annotation(method, Public.class).isPresent()) {
            return;
        }
        Optional<Caller> caller = currentCaller.get();
        if (caller.isEmpty()) {
            stats.record(AuthOutcome.NO_TOKEN, 0);
            throw new ProblemException(Problem.of(401, "authentication-required",
                    "This endpoint needs a bearer token."),
                    Map.of("WWW-Authenticate", ProblemResponses.BEARER_CHALLENGE));
        }
        if (annotation(method, LoginSessionOnly.class).isPresent() && !caller.get().isLoginSession()) {
            throw new ProblemException(403, "login-session-required",
                    "A named API token cannot do this; use a login session.");
        }
        Optional<GroupsAllowed> groups = annotation(method, GroupsAllowed.class);
        if (groups.isPresent() && Arrays.stream(groups.get().value()).noneMatch(caller.get()::inGroup)) {
            throw new ProblemException(403, "forbidden", "Your account may not do this.");
        }
    }

    private static <A extends java.lang.annotation.Annotation> Optional<A> annotation(Method method, Class<A> type) {
        A onMethod = method.getAnnotation(type);
        if (onMethod != null) {
            return Optional.of(onMethod);
        }
        AnnotatedElement declaring = method.getDeclaringClass();
        return Optional.ofNullable(declaring.getAnnotation(type));
    }
}
