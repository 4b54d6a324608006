package dev.tokenmanager.it.support;

import dev.tokenmanager.crypto.KeyEncryption;
import dev.tokenmanager.jwt.KeyMaterial;
import dev.tokenmanager.jwt.SigningKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * A signing key the test installs in the database before its server starts, the way the server stores its own
 * (encrypted with the key-encryption key the test runs share). The server signs with it, and the test can sign
 * tokens a server would never issue (expired, another issuer, a session that does not exist) with a genuine
 * signature.
 */
public final class KnownSigningKey {

    private KnownSigningKey() {
    }

    /** Migrates the test's database and installs a new RS256 key as the newest active key. */
    public static SigningKey install(String testName) {
        TestDatabase database = TestDatabase.of(testName);
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration").table("tm_schema_history").load().migrate();
        String kid = "it-" + UUID.randomUUID();
        KeyMaterial.Generated generated = KeyMaterial.generate("RS256", kid);
        byte[] kek = Base64.getDecoder().decode(System.getenv("TOKEN_MANAGER_KEY_ENCRYPTION_KEY"));
        String encrypted = new KeyEncryption(kek).encrypt(kid, generated.privateBytes());
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO tm_signing_key"
                     + " (kid, algorithm, state, created_at, public_jwk, private_key) VALUES (?, ?, 'ACTIVE', ?, ?, ?)")) {
            insert.setString(1, kid);
            insert.setString(2, "RS256");
            insert.setLong(3, Instant.now().plusSeconds(60).toEpochMilli());
            insert.setString(4, generated.key().publicJwkJson().orElseThrow());
            insert.setString(5, encrypted);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot install the test's signing key", e);
        }
        return generated.key();
    }
}
