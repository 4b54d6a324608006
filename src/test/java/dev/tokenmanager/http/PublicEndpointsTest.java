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

        PublicEndpoints.Paths paths = endpoints.paths();

        assertThat(paths.isPublic("/api/auth/login")).isTrue();
        assertThat(paths.isPublic("/api/auth/oidc/okta/callback")).isTrue();
        assertThat(paths.isPublic("/api/auth/oidc/okta/authorize")).isFalse();
        assertThat(paths.isPublic("/api/me")).isFalse();
        assertThat(paths.isPublic("/api/auth/login/")).isFalse();
    }

    @Test
    void pathsTakenAreNotChangedByLaterAdditions() {
        PublicEndpoints endpoints = new PublicEndpoints();
        endpoints.add("/api/auth/login");
        PublicEndpoints.Paths paths = endpoints.paths();

        endpoints.add("/api/me");

        assertThat(paths.isPublic("/api/me")).isFalse();
        assertThat(endpoints.paths().isPublic("/api/me")).isTrue();
    }
}
