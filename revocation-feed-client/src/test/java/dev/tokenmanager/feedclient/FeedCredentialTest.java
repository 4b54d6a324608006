package dev.tokenmanager.feedclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedCredentialTest {

    private static FeedCredential read(String... pairs) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return FeedCredential.read(name -> Optional.ofNullable(values.get(name)));
    }

    private static String decodedBasic(String header) {
        assertThat(header).startsWith("Basic ");
        return new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    }

    @Test
    void aTokenIsSentAsABearer() {
        assertThat(read("revocation-feed.token", "tmpat_x").authorization()).isEqualTo("Bearer tmpat_x");
    }

    @Test
    void aClientSendsItsIdAndSecretInHttpBasicEachFormUrlEncoded() {
        assertThat(decodedBasic(read("revocation-feed.client-id", "portal", "revocation-feed.client-secret",
                "tmcs_abc").authorization())).isEqualTo("portal:tmcs_abc");
        assertThat(decodedBasic(read("revocation-feed.client-id", "my:app", "revocation-feed.client-secret",
                "a+b").authorization())).isEqualTo("my%3Aapp:a%2Bb");
    }

    @Test
    void theFileIsReadAtEveryConnectionSoAReplacedSecretIsPickedUp(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("secret");
        Files.writeString(file, "tmcs_one\n");
        FeedCredential credential = read("revocation-feed.client-id", "portal",
                "revocation-feed.client-secret-file", file.toString());
        assertThat(decodedBasic(credential.authorization())).isEqualTo("portal:tmcs_one");
        Files.writeString(file, "tmcs_two");
        assertThat(decodedBasic(credential.authorization())).isEqualTo("portal:tmcs_two");

        Files.writeString(file, "  \n");
        assertThatThrownBy(credential::authorization).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("revocation-feed.client-secret-file").hasMessageContaining("empty");
        Files.delete(file);
        assertThatThrownBy(credential::authorization).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("revocation-feed.client-secret-file");
    }

    @Test
    void errorsNameTheProperties() {
        assertThatThrownBy(() -> read("revocation-feed.client-id", "portal"))
                .hasMessageContaining("revocation-feed.client-secret");
        assertThatThrownBy(() -> read("revocation-feed.client-id", "portal", "revocation-feed.token", "t"))
                .hasMessageContaining("revocation-feed.client-id").hasMessageContaining("not a token");
        assertThatThrownBy(() -> read("revocation-feed.client-secret", "s"))
                .hasMessageContaining("needs revocation-feed.client-id");
    }

    @Test
    void neverPrintsTheSecret() {
        FeedCredential credential = read("revocation-feed.client-id", "portal", "revocation-feed.client-secret",
                "tmcs_abc");
        assertThat(credential.toString()).contains("client portal").doesNotContain("tmcs_abc");
        assertThat(credential.describe()).doesNotContain("tmcs_abc");
    }
}
