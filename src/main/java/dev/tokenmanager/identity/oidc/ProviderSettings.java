package dev.tokenmanager.identity.oidc;

import dev.tokenmanager.config.ConfigReader;
import dev.tokenmanager.identity.GroupMap;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One OpenID Connect provider people sign in through, from the settings {@code token-manager.oidc.<name>.*} (see the
 * README).
 *
 * @param issuer       the provider's issuer URL, exactly as its ID tokens' {@code iss} (discovery is read from it)
 * @param clientSecret used to redeem codes of the browser sign-in ({@code client_secret_basic})
 * @param algorithms   the signature algorithms accepted on ID and logout tokens
 * @param redirectUris the front ends' redirect URIs a browser sign-in may return to (exact match)
 */
public record ProviderSettings(
        String name,
        String displayName,
        URI issuer,
        String clientId,
        String clientSecret,
        Set<String> algorithms,
        String scopes,
        String usernameClaim,
        String groupsClaim,
        GroupMap groupMap,
        List<String> redirectUris,
        Duration timeout) {

    /** The asymmetric algorithms a provider may sign with; HMAC (a shared secret) and {@code none} never. */
    public static final Set<String> SUPPORTED_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512");

    /** The source of the accounts and sessions of this provider: {@code oidc:<name>}. */
    public String source() {
        return "oidc:" + name;
    }

    /** Reads provider {@code name}'s settings. */
    public static ProviderSettings read(ConfigReader in, String name) {
        String p = "token-manager.oidc." + name + ".";
        String rawIssuer = in.required(p + "issuer");
        URI issuer;
        try {
            issuer = URI.create(rawIssuer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p + "issuer must be an http(s) URL, not " + rawIssuer, e);
        }
        if (!("https".equals(issuer.getScheme()) || "http".equals(issuer.getScheme())) || issuer.getHost() == null
                || issuer.getRawQuery() != null || issuer.getRawFragment() != null) {
            throw new IllegalArgumentException(p + "issuer must be an https URL without query or fragment, not "
                    + rawIssuer);
        }
        List<String> algorithms = in.list(p + "algorithms");
        if (algorithms.isEmpty()) {
            algorithms = List.of("RS256");
        }
        for (String algorithm : algorithms) {
            if (!SUPPORTED_ALGORITHMS.contains(algorithm)) {
                throw new IllegalArgumentException(p + "algorithms lists some of " + SUPPORTED_ALGORITHMS + ", not "
                        + algorithm);
            }
        }
        List<String> redirectUris = in.list(p + "redirect-uris");
        for (String uri : redirectUris) {
            URI parsed;
            try {
                parsed = URI.create(uri);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(p + "redirect-uris lists absolute URLs, not " + uri, e);
            }
            if (!parsed.isAbsolute() || parsed.getRawFragment() != null) {
                throw new IllegalArgumentException(p + "redirect-uris lists absolute URLs without a fragment, not "
                        + uri);
            }
        }
        Duration timeout = in.duration(p + "timeout", "PT10S");
        ConfigReader.requirePositive(p + "timeout", timeout);
        return new ProviderSettings(name, in.string(p + "display-name", name), issuer, in.required(p + "client-id"),
                in.required(p + "client-secret"), Set.copyOf(algorithms),
                in.string(p + "scopes", "openid profile email"),
                in.string(p + "username-claim", "preferred_username"), in.string(p + "groups-claim", "groups"),
                GroupMap.parse(p + "group-map", in.list(p + "group-map")), List.copyOf(redirectUris), timeout);
    }

    @Override
    public String toString() {
        return "ProviderSettings[" + name + ", " + issuer + ", client " + clientId + "]";
    }
}
