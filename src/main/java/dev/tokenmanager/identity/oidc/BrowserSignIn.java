package dev.tokenmanager.identity.oidc;

import dev.tokenmanager.crypto.KeyEncryption;
import dev.tokenmanager.crypto.RandomIds;
import dev.tokenmanager.crypto.SecretHash;
import dev.tokenmanager.keys.SigningKeys;
import dev.tokenmanager.session.ClientInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The server side of the browser sign-in (authorization code flow with PKCE S256, OpenID Connect Core §3.1): starts
 * it with our own random {@code state}, {@code nonce} and PKCE verifier, kept in the database (the verifier encrypted)
 * for {@link #FLOW_TTL} and used once; and hands the front end a one-time code (stored as its hash, used once,
 * within {@link #CODE_TTL}) that it redeems for the tokens. Neither a token nor a secret of ours travels in a URL.
 */
@ApplicationScoped
public class BrowserSignIn {

    /** How long a browser may take from the authorization request to the callback. */
    public static final Duration FLOW_TTL = Duration.ofMinutes(10);
    /** How long a front end has to redeem its one-time code. */
    public static final Duration CODE_TTL = Duration.ofSeconds(60);

    /** A PKCE code verifier (RFC 7636 §4.1) or S256 challenge (43 base64url characters). */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** A flow started: where to send the browser, and (console only) the secret its cookie binds the flow to. */
    public record Started(URI location, String browserSecret) {
        @Override
        public String toString() {
            return "Started[" + location.getHost() + "]";
        }
    }

    /** A flow the callback found and used up: what it needs to finish. */
    public record Callback(String provider, OidcFlow.Purpose purpose, URI redirectUri, String clientState,
                           String clientChallenge, String nonceHash, String verifier, String browserHash) {
        @Override
        public String toString() {
            return "Callback[" + provider + ", " + purpose + "]";
        }
    }

    /** A one-time code redeemed: whose session to start, with which browser's address and User-Agent. */
    public record Redeemed(String provider, String accountId, String providerSid, String ip, String userAgent) {
    }

    @PersistenceContext(unitName = "token-manager")
    EntityManager em;
    @Inject
    SigningKeys keys;
    @Inject
    Clock clock;

    /** Whether {@code challenge} is an S256 code challenge. */
    public static boolean isChallenge(String challenge) {
        return challenge != null && CHALLENGE.matcher(challenge).matches();
    }

    /**
     * Starts a sign-in at {@code provider}, returning to {@code callback} (our callback URL, registered at the
     * provider); {@code redirectUri} (a front end's, checked by the caller) is null for the console.
     */
    @Transactional
    public Started start(Provider provider, OidcFlow.Purpose purpose, URI callback, URI redirectUri,
                         String clientState, String clientChallenge) throws ProviderUnavailableException {
        ProviderMetadata metadata = provider.metadata();
        long now = clock.millis();
        em.createQuery("DELETE FROM OidcFlow f WHERE f.expiresAt < :now").setParameter("now", now).executeUpdate();
        String state = RandomIds.newSecret();
        String nonce = RandomIds.newSecret();
        String verifier = RandomIds.newSecret();
        String browserSecret = purpose == OidcFlow.Purpose.CONSOLE ? RandomIds.newSecret() : null;
        String stateHash = SecretHash.of(state);
        em.persist(new OidcFlow(stateHash, provider.settings().name(), purpose,
                redirectUri == null ? null : redirectUri.toString(), clientState, clientChallenge,
                SecretHash.of(nonce), encryption().encrypt(aad(stateHash),
                        verifier.getBytes(StandardCharsets.US_ASCII)),
                browserSecret == null ? null : SecretHash.of(browserSecret), now + FLOW_TTL.toMillis()));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", provider.settings().clientId());
        query.put("redirect_uri", callback.toString());
        query.put("scope", provider.settings().scopes());
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", s256(verifier));
        query.put("code_challenge_method", "S256");
        return new Started(withQuery(metadata.authorizationEndpoint(), query), browserSecret);
    }

    /** The flow {@code state} names, deleted now (a state works once); empty when unknown, used or expired. */
    @Transactional
    public Optional<Callback> takeFlow(String state) {
        if (state == null || state.length() > 128) {
            return Optional.empty();
        }
        String stateHash = SecretHash.of(state);
        OidcFlow flow = takeOnce(OidcFlow.class, "DELETE FROM OidcFlow f WHERE f.stateHash = :hash", stateHash);
        if (flow == null || flow.expiresAt() < clock.millis()) {
            return Optional.empty();
        }
        String verifier;
        try {
            verifier = new String(encryption().decrypt(aad(stateHash), flow.encryptedVerifier()),
                    StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new Callback(flow.provider(), flow.purpose(),
                flow.redirectUri() == null ? null : URI.create(flow.redirectUri()), flow.clientState(),
                flow.clientChallenge(), flow.nonceHash(), verifier, flow.browserHash()));
    }

    /** Issues the one-time code for a front end's finished sign-in; answers the code (shown once). */
    @Transactional
    public String issueCode(String provider, String accountId, String providerSid, URI redirectUri,
                            String clientChallenge, ClientInfo browser) {
        long now = clock.millis();
        em.createQuery("DELETE FROM OneTimeCode c WHERE c.expiresAt < :now").setParameter("now", now).executeUpdate();
        String code = RandomIds.newSecret();
        em.persist(new OneTimeCode(SecretHash.of(code), provider, accountId, providerSid, redirectUri.toString(),
                clientChallenge, browser.ip(), browser.userAgent(), now + CODE_TTL.toMillis()));
        return code;
    }

    /**
     * Redeems one-time code {@code code}: deleted now whatever follows (a code works once). Empty when it is unknown,
     * used or expired, when {@code redirectUri} is not the one the sign-in started with, or when the PKCE verifier
     * does not match the challenge the front end sent (or one is sent where none was).
     */
    @Transactional
    public Optional<Redeemed> redeem(String code, String redirectUri, String codeVerifier) {
        if (code == null || code.length() > 128) {
            return Optional.empty();
        }
        OneTimeCode found = takeOnce(OneTimeCode.class, "DELETE FROM OneTimeCode c WHERE c.codeHash = :hash",
                SecretHash.of(code));
        if (found == null || found.expiresAt() < clock.millis()) {
            return Optional.empty();
        }
        if (!found.redirectUri().equals(redirectUri)) {
            return Optional.empty();
        }
        if (found.clientChallenge() == null ? codeVerifier != null
                : codeVerifier == null || !VERIFIER.matcher(codeVerifier).matches()
                || !MessageDigest.isEqual(s256(codeVerifier).getBytes(StandardCharsets.US_ASCII),
                found.clientChallenge().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(new Redeemed(found.provider(), found.accountId(), found.providerSid(), found.ip(),
                found.userAgent()));
    }

    /**
     * The row {@code hash} names, deleted now; null when there is none, or when a concurrent request deleted it first
     * (the delete decides, on every node: a state or code works once).
     */
    private <T> T takeOnce(Class<T> type, String delete, String hash) {
        T found = em.find(type, hash);
        if (found == null || em.createQuery(delete).setParameter("hash", hash).executeUpdate() != 1) {
            return null;
        }
        return found;
    }

    private KeyEncryption encryption() {
        return keys.keyEncryption();
    }

    /** Binds an encrypted verifier to its flow's row. */
    private static String aad(String stateHash) {
        return "oidc-flow:" + stateHash;
    }

    /** The S256 code challenge of {@code verifier}: BASE64URL(SHA-256(ASCII(verifier))). */
    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** {@code base} with {@code parameters} added to its query (after any it has). */
    public static URI withQuery(URI base, Map<String, String> parameters) {
        String query = parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String text = base.toString();
        int fragment = text.indexOf('#');
        if (fragment >= 0) {
            text = text.substring(0, fragment);
        }
        return URI.create(text + (base.getRawQuery() == null ? "?" : "&") + query);
    }
}
