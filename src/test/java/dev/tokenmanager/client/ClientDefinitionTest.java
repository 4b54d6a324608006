package dev.tokenmanager.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What makes a client definition valid: one test per rule. */
class ClientDefinitionTest {

    private static Optional<String> redirect(String uri) {
        return ClientDefinition.of("app").withRedirectUris(List.of(uri)).problem();
    }

    private static Optional<String> logout(String uri) {
        return ClientDefinition.of("app").withBackchannelLogoutUri(Optional.of(uri)).problem();
    }

    @Test
    void aNewClientDefaultsItsNameAndAudienceToItsId() {
        ClientDefinition definition = ClientDefinition.of("web-app");
        assertThat(definition.name()).isEqualTo("web-app");
        assertThat(definition.audience()).isEqualTo("web-app");
        assertThat(definition.redirectUris()).isEmpty();
        assertThat(definition.backchannelLogoutUri()).isEmpty();
        assertThat(definition.active()).isTrue();
        assertThat(definition.problem()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "web-app", "Web.App_2~x", "0123456789012345678901234567890123456789012345678901234567890123"})
    void clientIdsOfTheUnreservedAlphabetUpTo64CharactersAreValid(String clientId) {
        assertThat(ClientDefinition.isValidClientId(clientId)).isTrue();
        assertThat(ClientDefinition.of(clientId).problem()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "web app", "wéb", "a/b", "a:b", "a%20b", "<script>",
            "01234567890123456789012345678901234567890123456789012345678901234"})
    void otherClientIdsAreRefused(String clientId) {
        assertThat(ClientDefinition.isValidClientId(clientId)).isFalse();
        assertThat(ClientDefinition.of(clientId).problem()).get().asString().contains("'client_id'");
    }

    @Test
    void aNameIsOneTo128CharactersWithoutControlCharacters() {
        assertThat(ClientDefinition.of("app").withName("Web shop (EU)").problem()).isEmpty();
        assertThat(ClientDefinition.of("app").withName(" ").problem()).get().asString().contains("'name'");
        assertThat(ClientDefinition.of("app").withName("x".repeat(129)).problem()).isPresent();
        assertThat(ClientDefinition.of("app").withName("line\nbreak").problem()).isPresent();
    }

    @Test
    void anAudienceIsVisibleAsciiWithoutSpaces() {
        assertThat(ClientDefinition.of("app").withAudience("https://api.example.com").problem()).isEmpty();
        assertThat(ClientDefinition.of("app").withAudience("two words").problem()).get().asString()
                .contains("'audience'");
        assertThat(ClientDefinition.of("app").withAudience("").problem()).isPresent();
        assertThat(ClientDefinition.of("app").withAudience("a".repeat(256)).problem()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/callback", "https://app.example.com:8443/cb?x=1",
            "http://127.0.0.1:8080/cb", "http://[::1]/cb", "http://localhost:3000/cb",
            "com.example.app:/oauth2redirect"})
    void redirectUrisThatAreAbsoluteAndSafeAreValid(String uri) {
        assertThat(redirect(uri)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/callback", "app.example.com/cb", "https://app.example.com/cb#fragment",
            "https://app.example.com/cb#", "http://app.example.com/cb", "https://*.example.com/cb",
            "https://app.example.com/*", "javascript:alert(1)", "data:text/html,x", "https://user:pw@app.example.com/cb",
            "https:///nohost", "https://app.example.com/a b", "myapp:/cb", ""})
    void otherRedirectUrisAreRefused(String uri) {
        assertThat(redirect(uri)).get().asString().startsWith("'redirect_uris'");
    }

    @Test
    void redirectUrisAreAtMost16DistinctOnesOfAtMost500Characters() {
        List<String> many = java.util.stream.IntStream.range(0, 17).mapToObj(i -> "https://app.example.com/" + i)
                .toList();
        assertThat(ClientDefinition.of("app").withRedirectUris(many.subList(0, 16)).problem()).isEmpty();
        assertThat(ClientDefinition.of("app").withRedirectUris(many).problem()).isPresent();
        assertThat(ClientDefinition.of("app").withRedirectUris(Collections.nCopies(2, "https://a.example.com/"))
                .problem()).get().asString().contains("twice");
        assertThat(redirect("https://app.example.com/" + "x".repeat(480))).isPresent();
    }

    @Test
    void redirectsAreAllowedOnlyToAListedUriExactly() {
        RegisteredClient client = new RegisteredClient(ClientDefinition.of("app")
                .withRedirectUris(List.of("https://app.example.com/cb")), java.time.Instant.EPOCH);
        assertThat(client.allowsRedirectTo("https://app.example.com/cb")).isTrue();
        assertThat(client.allowsRedirectTo("https://app.example.com/cb/")).isFalse();
        assertThat(client.allowsRedirectTo("https://APP.example.com/cb")).isFalse();
        assertThat(client.allowsRedirectTo("https://app.example.com/cb?next=evil")).isFalse();
        assertThat(client.allowsRedirectTo(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/backchannel-logout", "https://app.example.com/logout?tenant=4",
            "http://127.0.0.1:9000/logout", "http://127.1.2.3/logout", "http://[::1]:9000/logout",
            "http://localhost/logout"})
    void backchannelLogoutUrisOverHttpsOrLoopbackHttpAreValid(String uri) {
        assertThat(logout(uri)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://app.example.com/logout", "http://10.0.0.1/logout", "ftp://app.example.com/logout",
            "/logout", "https://app.example.com/logout#x", "com.example.app:/logout", "https://", "not a uri",
            "http://127.0.0.1.example.com/logout"})
    void otherBackchannelLogoutUrisAreRefused(String uri) {
        assertThat(logout(uri)).get().asString().startsWith("'backchannel_logout_uri'");
    }

    @Test
    void aClientsSecretIsComparedWithItsHash() {
        RegisteredClient client = new RegisteredClient(ClientDefinition.of("app"), java.time.Instant.EPOCH);
        assertThat(client.hasSecret()).isFalse();
        assertThat(client.secretMatches("anything")).isFalse();
        String secret = ClientSecrets.generate();
        client.replaceSecretHash(dev.tokenmanager.crypto.SecretHash.of(secret));
        assertThat(secret).startsWith("tmcs_").hasSize(48);
        assertThat(client.hasSecret()).isTrue();
        assertThat(client.secretMatches(secret)).isTrue();
        assertThat(client.secretMatches(secret + "x")).isFalse();
        assertThat(client.secretMatches(null)).isFalse();
    }
}
