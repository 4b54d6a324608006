package dev.tokenmanager.it;

import dev.tokenmanager.testing.Jwts;
import static dev.tokenmanager.it.support.ProblemAssert.assertInvalidToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Api.Tokens;
import dev.tokenmanager.it.support.Deployments;
import dev.tokenmanager.it.support.KnownSigningKey;
import dev.tokenmanager.it.support.Reply;
import dev.tokenmanager.it.support.SingleServerIT;
import dev.tokenmanager.jwt.SigningKey;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile tokens sent to a running server: each one gets 401 with {@code error="invalid_token"}, never a 5xx,
 * causes no session lookup (the request path's only database read) and no outbound request.
 *
 * <p>The server signs with a key this test installed, so the test can also send tokens with a genuine signature
 * that break a claim rule (expired, another issuer, a session that does not exist).
 */
class HostileTokensIT extends SingleServerIT {

    private static final String NAME = "HostileTokensIT";
    private static SigningKey serverKey;
    private static HttpServer keyServer;
    private static final AtomicInteger outboundRequests = new AtomicInteger();

    @Deployment(testable = false)
    static WebArchive deployment() {
        serverKey = KnownSigningKey.install(NAME);
        return Deployments.tokenManager(NAME, Map.of());
    }

    @BeforeAll
    static void startKeyServer() throws IOException {
        keyServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keyServer.createContext("/", exchange -> {
            outboundRequests.incrementAndGet();
            byte[] body = "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        keyServer.start();
    }

    @AfterAll
    static void stopKeyServer() {
        keyServer.stop(0);
    }

    private Tokens admin;

    @BeforeEach
    void setUp() {
        admin = api.loginAdmin();
    }

    private String keyServerUrl() {
        return "http://127.0.0.1:" + keyServer.getAddress().getPort() + "/jwks.json";
    }

    /** Claims a real token of the admin's session would carry. */
    private JwtClaims genuineClaims() {
        JsonObject real = Jwts.claims(admin.access());
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(real.getString("iss"));
        claims.setSubject(real.getString("sub"));
        claims.setClaim("upn", real.getString("upn"));
        claims.setStringListClaim("groups", "admin");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(10);
        claims.setGeneratedJwtId();
        claims.setClaim("sid", real.getString("sid"));
        return claims;
    }

    private static String sign(JwtClaims claims, String alg, String kid, java.security.Key key,
                               Consumer<JsonWebSignature> headers) {
        return Jwts.sign(claims.toJson(), alg, kid, key, headers);
    }

    private String genuine(JwtClaims claims) throws Exception {
        return sign(claims, "RS256", serverKey.kid(), serverKey.signingKey().orElseThrow(), jws -> { });
    }

    private long sessionLookups() {
        return api.get("/api/admin/stats", admin.access()).json().getJsonNumber("session_lookups").longValue();
    }

    /** Sends each token; each must get 401 and none may read a session or call out. */
    private void assertRefusedWithoutLookup(Map<String, String> tokens) {
        long before = sessionLookups();
        int outboundBefore = outboundRequests.get();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            Reply reply = api.get("/api/me", token.getValue());
            try {
                assertInvalidToken(reply);
            } catch (AssertionError e) {
                failures.add(token.getKey() + ": " + reply);
            }
        }
        assertThat(failures).isEmpty();
        // The stats request itself is the one lookup between the two readings.
        assertThat(sessionLookups() - before).as("session lookups caused by hostile tokens").isEqualTo(1);
        assertThat(outboundRequests.get()).as("outbound requests").isEqualTo(outboundBefore);
    }

    @Test
    void genuineTokenWorks() throws Exception {
        assertThat(api.get("/api/me", genuine(genuineClaims())).status()).isEqualTo(200);
        assertThat(Jwts.header(admin.access()).getString("kid")).isEqualTo(serverKey.kid());
    }

    @Test
    void algNoneInAnyCaseIsRefused() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        String payload = Jwts.b64url(genuineClaims().toJson());
        for (String alg : List.of("none", "None", "NONE", "nOnE")) {
            String header = Jwts.b64url("{\"alg\":\"" + alg + "\",\"kid\":\"" + serverKey.kid() + "\",\"typ\":\"JWT\"}");
            tokens.put(alg + " unsigned", header + "." + payload + ".");
            tokens.put(alg + " with junk signature", header + "." + payload + ".AAAA");
        }
        assertRefusedWithoutLookup(tokens);
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefused() throws Exception {
        PublicKey publicKey = (PublicKey) serverKey.verificationKey();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(publicKey.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        String jwk = api.get("/api/auth/jwks", null).json().getJsonArray("keys").getValuesAs(JsonObject.class)
                .stream().filter(k -> k.getString("kid").equals(serverKey.kid())).findFirst().orElseThrow()
                .toString();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("HS256 with PEM", sign(genuineClaims(), "HS256", serverKey.kid(),
                new HmacKey(pem.getBytes(StandardCharsets.UTF_8)), jws -> { }));
        tokens.put("HS256 with JWK", sign(genuineClaims(), "HS256", serverKey.kid(),
                new HmacKey(jwk.getBytes(StandardCharsets.UTF_8)), jws -> { }));
        tokens.put("HS256 with DER", sign(genuineClaims(), "HS256", serverKey.kid(),
                new HmacKey(publicKey.getEncoded()), jws -> { }));
        assertRefusedWithoutLookup(tokens);
    }

    @Test
    void hostileKidsAreRefused() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String kid : List.of("../../../../etc/passwd", "/dev/null", "' OR '1'='1", "x'; DROP TABLE tm_session; --",
                "unknown-key-id")) {
            tokens.put("kid " + kid, sign(genuineClaims(), "RS256", kid, serverKey.signingKey().orElseThrow(),
                    jws -> { }));
        }
        assertRefusedWithoutLookup(tokens);
    }

    @Test
    void keyUrlsAndEmbeddedKeysAreNeverFetchedNorTrusted() throws Exception {
        KeyPair attacker = attackerKeys();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("jku", sign(genuineClaims(), "RS256", "attacker", attacker.getPrivate(),
                jws -> jws.setHeader("jku", keyServerUrl())));
        tokens.put("x5u", sign(genuineClaims(), "RS256", "attacker", attacker.getPrivate(),
                jws -> jws.setHeader("x5u", keyServerUrl())));
        tokens.put("jku with real kid", sign(genuineClaims(), "RS256", serverKey.kid(), attacker.getPrivate(),
                jws -> jws.setHeader("jku", keyServerUrl())));
        PublicJsonWebKey embedded = PublicJsonWebKey.Factory.newPublicJwk(attacker.getPublic());
        tokens.put("embedded jwk", sign(genuineClaims(), "RS256", serverKey.kid(), attacker.getPrivate(),
                jws -> jws.getHeaders().setJwkHeaderValue("jwk", embedded)));
        tokens.put("embedded jwk, no kid", sign(genuineClaims(), "RS256", null, attacker.getPrivate(),
                jws -> jws.setHeader("jwk", embedded.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))));
        assertRefusedWithoutLookup(tokens);
    }

    @Test
    void strippedTamperedAndForeignSignaturesAreRefused() throws Exception {
        String real = admin.access();
        String[] parts = real.split("\\.");
        JwtClaims elevated = genuineClaims();
        elevated.setStringListClaim("groups", "admin", "root");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("stripped", parts[0] + "." + parts[1] + ".");
        tokens.put("tampered signature", parts[0] + "." + parts[1] + "."
                + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1));
        tokens.put("tampered payload", parts[0] + "." + Jwts.b64url(elevated.toJson()) + "." + parts[2]);
        tokens.put("foreign key, real kid", sign(genuineClaims(), "RS256", serverKey.kid(),
                attackerKeys().getPrivate(), jws -> { }));
        assertRefusedWithoutLookup(tokens);
    }

    @Test
    void malformedTokensAreRefused() throws Exception {
        String[] parts = admin.access().split("\\.");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("two segments", parts[0] + "." + parts[1]);
        tokens.put("four segments", admin.access() + "." + parts[2]);
        tokens.put("non-base64url", parts[0] + "." + parts[1] + "+/=." + parts[2]);
        tokens.put("padding", parts[0] + "==." + parts[1] + "." + parts[2]);
        tokens.put("plain text", "this-is-not-a-token");
        tokens.put("header not an object", Jwts.b64url("[\"RS256\"]") + "." + parts[1] + "." + parts[2]);
        tokens.put("header not json", Jwts.b64url("alg=RS256") + "." + parts[1] + "." + parts[2]);
        tokens.put("payload not json", sign(genuineClaims(), "RS256", serverKey.kid(),
                serverKey.signingKey().orElseThrow(), jws -> jws.setPayload("not json at all")));
        tokens.put("oversized", sign(padded(9000), "RS256", serverKey.kid(), serverKey.signingKey().orElseThrow(),
                jws -> { }));
        assertRefusedWithoutLookup(tokens);
    }

    @Test
    void headerBeyondTheServersLimitIsRefusedBeforeTheApplication() {
        Reply reply = api.get("/api/me", "a".repeat(512 * 1024) + "." + "b".repeat(100) + ".c");
        assertThat(reply.status()).isBetween(400, 499);
    }

    @Test
    void genuinelySignedTokensThatBreakAClaimRuleAreRefused() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        JwtClaims expired = genuineClaims();
        expired.setIssuedAt(NumericDate.fromSeconds(Instant.now().minusSeconds(3600).getEpochSecond()));
        expired.setExpirationTime(NumericDate.fromSeconds(Instant.now().minusSeconds(600).getEpochSecond()));
        tokens.put("expired", genuine(expired));
        JwtClaims notYetValid = genuineClaims();
        notYetValid.setNotBefore(NumericDate.fromSeconds(Instant.now().plusSeconds(600).getEpochSecond()));
        tokens.put("not yet valid", genuine(notYetValid));
        JwtClaims future = genuineClaims();
        future.setIssuedAt(NumericDate.fromSeconds(Instant.now().plusSeconds(600).getEpochSecond()));
        future.setExpirationTime(NumericDate.fromSeconds(Instant.now().plusSeconds(1200).getEpochSecond()));
        tokens.put("issued in the future", genuine(future));
        JwtClaims otherIssuer = genuineClaims();
        otherIssuer.setIssuer("https://evil.example.com");
        tokens.put("wrong issuer", genuine(otherIssuer));
        for (String claim : List.of("sid", "exp", "iss", "sub", "upn", "jti", "iat")) {
            JwtClaims missing = genuineClaims();
            missing.unsetClaim(claim);
            tokens.put("missing " + claim, genuine(missing));
        }
        assertRefusedWithoutLookup(tokens);
    }

    @Test
    void genuinelySignedTokenForASessionThatDoesNotExistIsRefused() throws Exception {
        JwtClaims claims = genuineClaims();
        claims.setClaim("sid", "AAAAAAAAAAAAAAAAAAAAAA");
        long before = sessionLookups();

        assertInvalidToken(api.get("/api/me", genuine(claims)));

        JsonObject stats = api.get("/api/admin/stats", admin.access()).json();
        assertThat(stats.getJsonNumber("session_lookups").longValue() - before).isEqualTo(2);
        assertThat(stats.getJsonObject("authentications").getJsonNumber("unknown_session").longValue()).isPositive();
    }

    @Test
    void tokenOfAnotherUsersSubjectIsRefused() throws Exception {
        JwtClaims claims = genuineClaims();
        claims.setSubject("someone-else");
        assertInvalidToken(api.get("/api/me", genuine(claims)));
    }

    private JwtClaims padded(int size) {
        JwtClaims claims = genuineClaims();
        claims.setClaim("padding", "p".repeat(size));
        return claims;
    }

    private static KeyPair attackerKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
