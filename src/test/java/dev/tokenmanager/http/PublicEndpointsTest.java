package dev.tokenmanager.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Path templates of public endpoints, matched against request paths. */
class PublicEndpointsTest {

    @Test
    void aPlainPathMatchesOnlyItself() {
        Pattern login = PublicEndpoints.pattern("/api/auth/login");

        assertThat(login.matcher("/api/auth/login").matches()).isTrue();
        assertThat(login.matcher("/api/auth/login/x").matches()).isFalse();
        assertThat(login.matcher("/api/auth/logins").matches()).isFalse();
    }

    @Test
    void slashesAreNormalizedAsJaxRsDoes() {
        assertThat(PublicEndpoints.pattern("/api/" + "auth" + "/" + "/jwks").matcher("/api/auth/jwks").matches())
                .isTrue();
        assertThat(PublicEndpoints.pattern("/api/auth/").matcher("/api/auth").matches()).isTrue();
    }

    @Test
    void aTemplateMatchesOneSegmentPerParameter() {
        Pattern callback = PublicEndpoints.pattern("/api/auth/oidc/{provider}/callback");

        assertThat(callback.matcher("/api/auth/oidc/okta/callback").matches()).isTrue();
        assertThat(callback.matcher("/api/auth/oidc/a/b/callback").matches()).isFalse();
        assertThat(callback.matcher("/api/auth/oidc//callback").matches()).isFalse();
    }

    @Test
    void literalPartsAreNotRegularExpressions() {
        assertThat(PublicEndpoints.pattern("/api/a.b").matcher("/api/axb").matches()).isFalse();
    }

    @Test
    void publicEndpointsAreFoundByTheirPathsAndTemplates() {
        PublicEndpoints endpoints = new PublicEndpoints();
        endpoints.add("/api/" + "auth" + "/" + "login");
        endpoints.add("/api/auth/oidc/{provider}/callback");

        assertThat(endpoints.isPublic("/api/auth/login")).isTrue();
        assertThat(endpoints.isPublic("/api/auth/oidc/okta/callback")).isTrue();
        assertThat(endpoints.isPublic("/api/auth/oidc/okta/authorize")).isFalse();
        assertThat(endpoints.isPublic("/api/me")).isFalse();
        assertThat(endpoints.isPublic("/api/auth/login/")).isFalse();
    }
}
