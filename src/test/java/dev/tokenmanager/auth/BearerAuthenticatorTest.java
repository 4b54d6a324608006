package dev.tokenmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.config.Settings;
import dev.tokenmanager.crypto.SecretHash;
import dev.tokenmanager.jwt.KeyMaterial;
import dev.tokenmanager.jwt.SigningKey;
import dev.tokenmanager.jwt.TokenIssuer;
import dev.tokenmanager.jwt.TokenVerifier;
import dev.tokenmanager.metrics.AuthOutcome;
import dev.tokenmanager.metrics.AuthStats;
import dev.tokenmanager.session.LastSeenRecorder;
import dev.tokenmanager.session.SessionKind;
import dev.tokenmanager.session.SessionLookup;
import dev.tokenmanager.session.SessionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The decision on a bearer credential, outside a server: real keys, tokens and verifier, the sessions in a map
 * behind the {@link SessionLookup} seam.
 */
class BearerAuthenticatorTest {

    private static final String ISSUER = "token-manager-test";
    private static final String ACCOUNT = "account-1";
    private static final String SID = "session-id-of-22-chars";
    private static SigningKey key;

    private final Map<String, SessionState> byId = new HashMap<>();
    private final Map<String, SessionState> bySecretHash = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicInteger keyLookups = new AtomicInteger();
    private final AuthStats stats = new AuthStats();
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Long> written = new HashMap<>();
    private LastSeenRecorder lastSeen;
    private BearerAuthenticator authenticator;

    @BeforeAll
    static void generateKey() {
        key = KeyMaterial.generate("RS256", "kid-1").key();
    }

    @BeforeEach
    void wire() {
        authenticator = authenticator(100);
    }

    private BearerAuthenticator authenticator(int verifiedTokenCacheSize) {
        Settings settings = Settings.read(name -> switch (name) {
            case "token-manager.issuer" -> Optional.of(ISSUER);
            case "token-manager.verified-token-cache-size" -> Optional.of(Integer.toString(verifiedTokenCacheSize));
            default -> Optional.empty();
        });
        TokenVerifier verifier = new TokenVerifier(ISSUER, Duration.ofSeconds(10), Set.of("RS256"), kid -> {
            keyLookups.incrementAndGet();
            return kid.equals(key.kid()) ? Optional.of(key.verification()) : Optional.empty();
        });
        SessionLookup sessions = new SessionLookup() {
            @Override
            public Optional<SessionState> bySessionId(String sessionId) {
                lookups.incrementAndGet();
                return Optional.ofNullable(byId.get(sessionId));
            }

            @Override
            public Optional<SessionState> bySecretHash(String secretHash) {
                lookups.incrementAndGet();
                return Optional.ofNullable(bySecretHash.get(secretHash));
            }
        };
        lastSeen = new LastSeenRecorder((uses, policy) -> {
            written.putAll(uses);
            return uses.size();
        }, stats, settings);
        return new BearerAuthenticator(verifier, sessions, lastSeen, stats, clock, settings);
    }

    private static SessionState session(String id, SessionKind kind, boolean accountActive, Long expiresAt,
                                        Long revokedAt) {
        return new SessionState(id, kind, ACCOUNT, "alice", List.of("staff"), accountActive, expiresAt, revokedAt, 0);
    }

    private String token(String subject, String sessionId) {
        Instant now = clock.instant();
        return new TokenIssuer(ISSUER, List.of(ISSUER)).issue(key, subject, "alice", List.of("staff"), sessionId, now,
                now.plusSeconds(300)).token();
    }

    private AuthOutcome outcome(String credential) {
        return authenticator.authenticate(credential).outcome();
    }

    @Test
    void genuineTokenOfALiveSessionAuthenticatesItsCaller() {
        byId.put(SID, session(SID, SessionKind.LOGIN, true, null, null));

        Authentication result = authenticator.authenticate(token(ACCOUNT, SID));

        assertThat(result).isInstanceOf(Authentication.Success.class);
        Caller caller = ((Authentication.Success) result).caller();
        assertThat(caller.username()).isEqualTo("alice");
        assertThat(caller.groups()).containsExactly("staff");
        assertThat(caller.sessionId()).isEqualTo(SID);
        assertThat(caller.token()).isPresent();
        assertThat(stats.count(AuthOutcome.OK)).isEqualTo(1);
    }

    @Test
    void theSessionDecidesOnEveryRequest() {
        String token = token(ACCOUNT, SID);
        byId.put(SID, session(SID, SessionKind.LOGIN, true, null, null));
        assertThat(outcome(token)).isEqualTo(AuthOutcome.OK);

        byId.put(SID, session(SID, SessionKind.LOGIN, true, null, clock.millis()));
        assertThat(outcome(token)).isEqualTo(AuthOutcome.REVOKED);

        byId.put(SID, session(SID, SessionKind.LOGIN, false, null, null));
        assertThat(outcome(token)).isEqualTo(AuthOutcome.ACCOUNT_DISABLED);

        byId.put(SID, session(SID, SessionKind.LOGIN, true, clock.millis() - 1, null));
        assertThat(outcome(token)).isEqualTo(AuthOutcome.SESSION_EXPIRED);

        byId.remove(SID);
        assertThat(outcome(token)).isEqualTo(AuthOutcome.UNKNOWN_SESSION);
    }

    @Test
    void aTokenNamingAnotherAccountsSessionIsRefused() {
        byId.put(SID, session(SID, SessionKind.LOGIN, true, null, null));

        assertThat(outcome(token("another-account", SID))).isEqualTo(AuthOutcome.UNKNOWN_SESSION);
    }

    @Test
    void aTokenForANamedTokensSessionIsRefused() {
        byId.put(SID, session(SID, SessionKind.TOKEN, true, null, null));

        assertThat(outcome(token(ACCOUNT, SID))).isEqualTo(AuthOutcome.UNKNOWN_SESSION);
    }

    @Test
    void malformedAndForgedTokensAreRefusedWithoutASessionLookup() {
        byId.put(SID, session(SID, SessionKind.LOGIN, true, null, null));
        String genuine = token(ACCOUNT, SID);
        String[] parts = genuine.split("\\.");

        assertThat(outcome("not a token")).isEqualTo(AuthOutcome.BAD_SHAPE);
        assertThat(outcome(parts[0] + "." + parts[1] + ".")).isEqualTo(AuthOutcome.BAD_SHAPE);
        assertThat(outcome(parts[0] + "." + parts[1] + "." + parts[2].substring(1) + "A"))
                .isEqualTo(AuthOutcome.BAD_SIGNATURE);
        assertThat(outcome("x".repeat(9000))).isEqualTo(AuthOutcome.BAD_SHAPE);
        assertThat(lookups).hasValue(0);
    }

    @Test
    void aTokenSeenBeforeIsNotVerifiedAgainButItsSessionIsChecked() {
        byId.put(SID, session(SID, SessionKind.LOGIN, true, null, null));
        String token = token(ACCOUNT, SID);

        for (int i = 0; i < 5; i++) {
            assertThat(outcome(token)).isEqualTo(AuthOutcome.OK);
        }

        assertThat(keyLookups).as("signature checks").hasValue(1);
        assertThat(lookups).as("session lookups").hasValue(5);
        assertThat(authenticator.verifiedTokenCache().hits()).isEqualTo(4);
    }

    @Test
    void withoutTheVerifiedTokenCacheEveryRequestIsVerified() {
        authenticator = authenticator(0);
        byId.put(SID, session(SID, SessionKind.LOGIN, true, null, null));
        String token = token(ACCOUNT, SID);

        for (int i = 0; i < 3; i++) {
            assertThat(outcome(token)).isEqualTo(AuthOutcome.OK);
        }

        assertThat(keyLookups).hasValue(3);
    }

    @Test
    void namedTokensAreFoundByTheirHashAfterAShapeCheck() {
        String namedToken = NamedTokens.generate();
        bySecretHash.put(SecretHash.of(namedToken), session("named-session-id-22ch", SessionKind.TOKEN, true,
                null, null));

        assertThat(outcome(namedToken)).isEqualTo(AuthOutcome.OK);
        assertThat(outcome(NamedTokens.PREFIX + "short")).isEqualTo(AuthOutcome.BAD_SHAPE);
        assertThat(outcome(NamedTokens.generate())).isEqualTo(AuthOutcome.UNKNOWN_SESSION);
        assertThat(lookups).as("lookups: the malformed one made none").hasValue(2);
    }

    @Test
    void aSuccessRecordsTheSessionsUse() {
        byId.put(SID, session(SID, SessionKind.LOGIN, true, null, null));

        authenticator.authenticate(token(ACCOUNT, SID));
        lastSeen.flush();

        assertThat(written).containsKey(SID);
    }
}
