package dev.tokenmanager.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.auth.Caller;
import dev.tokenmanager.session.SessionKind;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The access rule of each resource method, read from its annotations, and what it answers each caller. */
class AccessControlTest {

    private static Optional<AccessControl.Rule> ruleOf(Class<?> resource, String name) {
        for (Method method : resource.getMethods()) {
            if (method.getName().equals(name)) {
                return AccessControl.ruleOf(method);
            }
        }
        throw new AssertionError("no method " + name);
    }

    private static Optional<Caller> caller(SessionKind kind, String... groups) {
        return Optional.of(new Caller("session-id", kind, "account-id", "alice", List.of(groups), Optional.empty()));
    }

    private static int status(AccessControl.Rule rule, Optional<Caller> caller) {
        return rule.refusal(caller).map(refusal -> refusal.problem().status()).orElse(200);
    }

    @Test
    void publicMethodsHaveNoRule() {
        assertThat(ruleOf(AuthResource.class, "login")).isEmpty();
        assertThat(ruleOf(AuthResource.class, "refresh")).isEmpty();
        assertThat(ruleOf(AuthResource.class, "jwks")).isEmpty();
    }

    @Test
    void everyOtherMethodNeedsACaller() {
        AccessControl.Rule rule = ruleOf(MeResource.class, "me").orElseThrow();

        assertThat(status(rule, Optional.empty())).isEqualTo(401);
        assertThat(rule.refusal(Optional.empty()).orElseThrow().headers()).containsKey("WWW-Authenticate");
        assertThat(status(rule, caller(SessionKind.TOKEN))).isEqualTo(200);
    }

    @Test
    void loginSessionOnlyMethodsRefuseNamedTokens() {
        AccessControl.Rule rule = ruleOf(MeResource.class, "changePassword").orElseThrow();

        assertThat(status(rule, caller(SessionKind.TOKEN))).isEqualTo(403);
        assertThat(status(rule, caller(SessionKind.LOGIN))).isEqualTo(200);
    }

    @Test
    void groupsOnTheClassApplyToEachMethod() {
        AccessControl.Rule rule = ruleOf(AdminUsersResource.class, "list").orElseThrow();

        assertThat(rule.groups()).containsExactly("admin");
        assertThat(status(rule, caller(SessionKind.LOGIN, "staff"))).isEqualTo(403);
        assertThat(status(rule, caller(SessionKind.LOGIN, "staff", "admin"))).isEqualTo(200);
    }

    @Test
    void introspectionIsForAdminsAndIntrospectors() {
        AccessControl.Rule rule = ruleOf(AuthResource.class, "introspect").orElseThrow();

        assertThat(status(rule, caller(SessionKind.TOKEN, "introspect"))).isEqualTo(200);
        assertThat(status(rule, caller(SessionKind.LOGIN, "admin"))).isEqualTo(200);
        assertThat(status(rule, caller(SessionKind.LOGIN, "staff"))).isEqualTo(403);
    }
}
