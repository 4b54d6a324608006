package dev.tokenmanager.client;

import dev.tokenmanager.http.IpAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What an administrator says about a client, and the one place that says what is valid: the id's alphabet and
 * length, the name, the audience, redirect URIs (absolute, exact, no fragment; {@code https}, {@code http} on
 * loopback, or a native app's private-use scheme) and the back-channel logout URI ({@code https}, or {@code http}
 * on loopback for tests).
 *
 * @param backchannelLogoutUri empty when the client is not told of ended sessions
 */
public record ClientDefinition(String clientId, String name, String audience, List<String> redirectUris,
                               Optional<String> backchannelLogoutUri, boolean active) {

    public static final int MAX_CLIENT_ID = 64;
    public static final int MAX_NAME = 128;
    public static final int MAX_AUDIENCE = 255;
    public static final int MAX_URI = 500;
    public static final int MAX_REDIRECT_URIS = 16;

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1," + MAX_CLIENT_ID + "}");
    private static final Pattern AUDIENCE = Pattern.compile("[\\x21-\\x7E]{1," + MAX_AUDIENCE + "}");
    /** RFC 8252 §7.1: a private-use scheme is a reversed domain name, so it holds a dot. */
    private static final Pattern PRIVATE_USE_SCHEME = Pattern.compile("[a-z][a-z0-9+-]*(\\.[a-z0-9+-]+)+");

    public ClientDefinition {
        Objects.requireNonNull(backchannelLogoutUri, "backchannelLogoutUri");
        redirectUris = List.copyOf(redirectUris);
    }

    /** A new, active client with the given id, its name and audience defaulting to the id. */
    public static ClientDefinition of(String clientId) {
        return new ClientDefinition(clientId, clientId, clientId, List.of(), Optional.empty(), true);
    }

    public ClientDefinition withName(String value) {
        return new ClientDefinition(clientId, value, audience, redirectUris, backchannelLogoutUri, active);
    }

    public ClientDefinition withAudience(String value) {
        return new ClientDefinition(clientId, name, value, redirectUris, backchannelLogoutUri, active);
    }

    public ClientDefinition withRedirectUris(List<String> value) {
        return new ClientDefinition(clientId, name, audience, value, backchannelLogoutUri, active);
    }

    public ClientDefinition withBackchannelLogoutUri(Optional<String> value) {
        return new ClientDefinition(clientId, name, audience, redirectUris, value, active);
    }

    public ClientDefinition withActive(boolean value) {
        return new ClientDefinition(clientId, name, audience, redirectUris, backchannelLogoutUri, value);
    }

    /** What is wrong with this definition, written for the administrator; empty when it is valid. */
    public Optional<String> problem() {
        if (!isValidClientId(clientId)) {
            return Optional.of("'client_id' is 1-" + MAX_CLIENT_ID + " letters, digits, '.', '_', '~' or '-'.");
        }
        if (name == null || name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("'name' is 1-" + MAX_NAME + " characters, without control characters.");
        }
        if (audience == null || !AUDIENCE.matcher(audience).matches()) {
            return Optional.of("'audience' is 1-" + MAX_AUDIENCE + " visible ASCII characters without spaces.");
        }
        if (redirectUris.size() > MAX_REDIRECT_URIS) {
            return Optional.of("'redirect_uris' lists at most " + MAX_REDIRECT_URIS + " URIs.");
        }
        if (new HashSet<>(redirectUris).size() != redirectUris.size()) {
            return Optional.of("'redirect_uris' lists a URI twice.");
        }
        for (String uri : redirectUris) {
            Optional<String> problem = redirectUriProblem(uri);
            if (problem.isPresent()) {
                return Optional.of("'redirect_uris': " + problem.get());
            }
        }
        return backchannelLogoutUri.flatMap(ClientDefinition::backchannelLogoutUriProblem)
                .map(problem -> "'backchannel_logout_uri': " + problem);
    }

    /** Whether {@code clientId} has the alphabet and length of a client id (checked before any lookup). */
    public static boolean isValidClientId(String clientId) {
        return clientId != null && CLIENT_ID.matcher(clientId).matches();
    }

    static Optional<String> redirectUriProblem(String text) {
        return problem(text, uri -> isHttpsOrLoopbackHttp(uri)
                        || PRIVATE_USE_SCHEME.matcher(uri.getScheme().toLowerCase(Locale.ROOT)).matches(),
                "must use https (http only on loopback: 127.0.0.1, [::1] or localhost) or a private-use scheme such"
                        + " as com.example.app.");
    }

    static Optional<String> backchannelLogoutUriProblem(String text) {
        return problem(text, ClientDefinition::isHttpsOrLoopbackHttp,
                "must be an https URI (http only on loopback: 127.0.0.1, [::1] or localhost).");
    }

    /** What is wrong with {@code text} as a URI that {@code allowed} accepts, which {@code rule} says. */
    private static Optional<String> problem(String text, Predicate<URI> allowed, String rule) {
        Optional<URI> parsed = absolute(text);
        if (parsed.isEmpty()) {
            return Optional.of(absoluteProblem(text));
        }
        return allowed.test(parsed.get()) ? Optional.empty() : Optional.of(shown(text) + " " + rule);
    }

    private static boolean isHttpsOrLoopbackHttp(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return uri.getHost() != null && (scheme.equals("https") || (scheme.equals("http") && isLoopback(uri)));
    }

    /** The URI {@code text} spells if it is absolute and hierarchical, short enough, and without fragment or user. */
    private static Optional<URI> absolute(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_URI || text.contains("*")) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text);
            if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawFragment() != null || uri.getRawUserInfo() != null
                    || text.endsWith("#")) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String absoluteProblem(String text) {
        if (text == null || text.isEmpty()) {
            return "a URI must not be empty.";
        }
        if (text.length() > MAX_URI) {
            return "a URI has at most " + MAX_URI + " characters.";
        }
        return shown(text) + " is not an absolute URI without fragment, user or wildcard (each URI is matched"
                + " exactly).";
    }

    /** The start of a refused value, enough to recognize it in an error message. */
    private static String shown(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        return host.equalsIgnoreCase("localhost")
                || IpAddresses.parse(host).map(InetAddress::isLoopbackAddress).orElse(false);
    }
}
