package dev.tokenmanager.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ClientCredentialsTest {

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsIdAndSecretEachFormUrlDecoded() {
        assertThat(ClientCredentials.fromBasic(basic("portal:tmcs_abc")))
                .contains(new ClientCredentials("portal", "tmcs_abc"));
        assertThat(ClientCredentials.fromBasic(basic("my%3Aapp:a%2Bb:c")))
                .contains(new ClientCredentials("my:app", "a+b:c"));
        assertThat(ClientCredentials.fromBasic("bAsIc " + basic("a:b").substring(6)))
                .contains(new ClientCredentials("a", "b"));
    }

    @Test
    void anEmptySecretIsASecretTheClientMustMatch() {
        assertThat(ClientCredentials.fromBasic(basic("portal:"))).contains(new ClientCredentials("portal", ""));
    }

    @Test
    void otherSchemesAndMalformedHeadersAreNone() {
        assertThat(ClientCredentials.fromBasic(null)).isEmpty();
        assertThat(ClientCredentials.fromBasic("Bearer abc")).isEmpty();
        assertThat(ClientCredentials.fromBasic("Basic")).isEmpty();
        assertThat(ClientCredentials.fromBasic("Basic !!!not-base64")).isEmpty();
        assertThat(ClientCredentials.fromBasic(basic("no-colon"))).isEmpty();
        assertThat(ClientCredentials.fromBasic(basic(":secret-without-id"))).isEmpty();
        assertThat(ClientCredentials.fromBasic(basic("bad%zzescape:x"))).isEmpty();
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(new ClientCredentials("portal", "tmcs_secret").toString()).contains("portal")
                .doesNotContain("tmcs_secret");
    }
}
