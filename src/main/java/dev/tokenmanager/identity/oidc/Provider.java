package dev.tokenmanager.identity.oidc;

import dev.tokenmanager.http.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * One OpenID Connect provider as token-manager talks to it, with the JDK's HTTP client: its discovery document and
 * its public keys (JWKS), both fetched from the issuer and cached, the keys fetched again when a token names a key
 * they lack (at most once per {@link #JWKS_REFRESH_INTERVAL}); and the redemption of an authorization code
 * ({@code client_secret_basic}). Thread-safe.
 */
public final class Provider {

    /** How long the discovery document and the keys are used before they are fetched again. */
    static final Duration CACHE_TTL = Duration.ofHours(1);
    /** The shortest time between two fetches of the keys caused by unknown key ids. */
    static final Duration JWKS_REFRESH_INTERVAL = Duration.ofSeconds(10);
    /** The largest answer read from a provider. */
    private static final int MAX_ANSWER = 512 * 1024;

    private static final Logger LOG = Logger.getLogger(Provider.class.getName());

    /** An authorization code the provider would not redeem; {@code error} is its OAuth error code. */
    public static final class RedemptionRefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        public RedemptionRefusedException(String error) {
            super(error, null, false, false);
        }
    }

    private record Cached<T>(T value, Instant fetchedAt) {
    }

    private final ProviderSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private volatile Cached<ProviderMetadata> metadata;
    private volatile Cached<List<JsonWebKey>> keys;
    private volatile Instant lastKeyRefresh = Instant.EPOCH;

    public Provider(ProviderSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public ProviderSettings settings() {
        return settings;
    }

    /** The discovery document, fetched from {@code <issuer>/.well-known/openid-configuration} when not cached. */
    public ProviderMetadata metadata() throws ProviderUnavailableException {
        Cached<ProviderMetadata> fresh = fresh(metadata, this::fetchMetadata);
        metadata = fresh;
        return fresh.value();
    }

    /** A value that must be fetched from the provider now and then. */
    private interface Fetch<T> {
        T fetch() throws ProviderUnavailableException;
    }

    /**
     * {@code cached} while it is younger than {@link #CACHE_TTL}, else fetched again; when the provider cannot be
     * reached, the old value goes on serving (sign-ins keep working with what it said last) and the next fetch is
     * tried in a minute.
     */
    private <T> Cached<T> fresh(Cached<T> cached, Fetch<T> fetch) throws ProviderUnavailableException {
        Instant now = clock.instant();
        if (cached != null && cached.fetchedAt().plus(CACHE_TTL).isAfter(now)) {
            return cached;
        }
        try {
            return new Cached<>(fetch.fetch(), now);
        } catch (ProviderUnavailableException e) {
            if (cached != null) {
                return new Cached<>(cached.value(), now.minus(CACHE_TTL).plusSeconds(60));
            }
            throw e;
        }
    }

    private ProviderMetadata fetchMetadata() throws ProviderUnavailableException {
        String issuer = settings.issuer().toString();
        URI uri = URI.create((issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration");
        JsonObject json = getJson(uri);
        String said = string(json, "issuer");
        if (!issuer.equals(said)) {
            LOG.warning(settings.source() + ": the discovery document names the issuer " + said + ", not " + issuer);
            throw new ProviderUnavailableException("discovery names another issuer");
        }
        try {
            return new ProviderMetadata(said, URI.create(string(json, "authorization_endpoint")),
                    URI.create(string(json, "token_endpoint")), URI.create(string(json, "jwks_uri")));
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warning(settings.source() + ": the discovery document lacks an endpoint");
            throw new ProviderUnavailableException("discovery document incomplete");
        }
    }

    /**
     * The public key {@code kid} names for algorithm {@code alg} (an RSA key for RS/PS, an EC key for ES; never a
     * symmetric key); empty when the provider has none. Without a {@code kid}, the one key of that type, if there is
     * exactly one.
     */
    public Optional<Key> verificationKey(String kid, String alg) throws ProviderUnavailableException {
        Optional<Key> key = select(currentKeys(), kid, alg);
        if (key.isPresent()) {
            return key;
        }
        Instant now = clock.instant();
        synchronized (this) {
            if (lastKeyRefresh.plus(JWKS_REFRESH_INTERVAL).isAfter(now)) {
                return Optional.empty();
            }
            lastKeyRefresh = now;
        }
        keys = new Cached<>(fetchKeys(), now);
        return select(keys.value(), kid, alg);
    }

    private List<JsonWebKey> currentKeys() throws ProviderUnavailableException {
        Cached<List<JsonWebKey>> fresh = fresh(keys, this::fetchKeys);
        keys = fresh;
        return fresh.value();
    }

    private List<JsonWebKey> fetchKeys() throws ProviderUnavailableException {
        String json = get(metadata().jwksUri());
        try {
            return List.copyOf(new JsonWebKeySet(json).getJsonWebKeys());
        } catch (JoseException e) {
            LOG.warning(settings.source() + ": the JWKS cannot be read");
            throw new ProviderUnavailableException("JWKS unreadable");
        }
    }

    private static Optional<Key> select(List<JsonWebKey> keys, String kid, String alg) {
        Class<? extends JsonWebKey> type = alg.startsWith("ES") ? EllipticCurveJsonWebKey.class : RsaJsonWebKey.class;
        List<JsonWebKey> candidates = keys.stream()
                .filter(type::isInstance)
                .filter(key -> key.getUse() == null || "sig".equals(key.getUse()))
                .filter(key -> key.getAlgorithm() == null || alg.equals(key.getAlgorithm()))
                .filter(key -> kid == null || kid.equals(key.getKeyId()))
                .toList();
        return candidates.size() == 1 ? Optional.of(candidates.get(0).getKey()) : Optional.empty();
    }

    /**
     * Redeems an authorization code at the token endpoint and answers the ID token. The client authenticates with
     * {@code client_secret_basic} (RFC 6749 §2.3.1).
     */
    public String redeem(String code, URI redirectUri, String codeVerifier)
            throws ProviderUnavailableException, RedemptionRefusedException {
        Map<String, String> form = Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirectUri.toString(), "code_verifier", codeVerifier);
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String credentials = Base64.getEncoder().encodeToString((encode(settings.clientId()) + ":"
                + encode(settings.clientSecret())).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(metadata().tokenEndpoint()).timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<InputStream> response = send(request);
        String text = read(response);
        if (response.statusCode() >= 500) {
            throw new ProviderUnavailableException("token endpoint answered " + response.statusCode());
        }
        JsonObject json = parse(text).orElse(null);
        if (response.statusCode() != 200) {
            String error = json == null ? null : string(json, "error");
            throw new RedemptionRefusedException(error == null ? "invalid_grant" : error);
        }
        String idToken = json == null ? null : string(json, "id_token");
        if (idToken == null) {
            throw new RedemptionRefusedException("no id_token in the token response");
        }
        return idToken;
    }

    private JsonObject getJson(URI uri) throws ProviderUnavailableException {
        return parse(get(uri)).orElseThrow(() -> new ProviderUnavailableException("not JSON: " + uri));
    }

    private String get(URI uri) throws ProviderUnavailableException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response = send(request);
        String text = read(response);
        if (response.statusCode() != 200) {
            LOG.warning(settings.source() + ": " + uri + " answered " + response.statusCode());
            throw new ProviderUnavailableException(uri + " answered " + response.statusCode());
        }
        return text;
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws ProviderUnavailableException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            LOG.warning(settings.source() + ": " + request.uri().getHost() + " cannot be reached: "
                    + e.getClass().getSimpleName());
            throw new ProviderUnavailableException("cannot reach " + request.uri().getHost());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("interrupted");
        }
    }

    private String read(HttpResponse<InputStream> response) throws ProviderUnavailableException {
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_ANSWER + 1);
            if (bytes.length > MAX_ANSWER) {
                throw new ProviderUnavailableException("answer too large");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProviderUnavailableException("answer cut short");
        }
    }

    private static Optional<JsonObject> parse(String text) {
        try (JsonReader reader = Jsons.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            return value.getValueType() == JsonValue.ValueType.OBJECT ? Optional.of(value.asJsonObject())
                    : Optional.empty();
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static String string(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value instanceof JsonString string ? string.getString() : null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Provider[" + settings + "]";
    }
}
