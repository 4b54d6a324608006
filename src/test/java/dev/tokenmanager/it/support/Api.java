package dev.tokenmanager.it.support;

import dev.tokenmanager.testing.Jwts;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** A client of the HTTP API of one server under test, on loopback. */
public final class Api {

    /** A desktop Chrome on Linux. */
    public static final String CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    /** Safari on an iPhone. */
    public static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)"
            + " AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    /** Firefox on Windows. */
    public static final String FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0)"
            + " Gecko/20100101 Firefox/133.0";

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private static final Map<URI, Tokens> ADMIN_SESSIONS = new ConcurrentHashMap<>();

    private final URI base;
    private final Map<String, String> headers;

    public Api(URI base) {
        this(base, Map.of());
    }

    private Api(URI base, Map<String, String> headers) {
        this.base = base;
        this.headers = Map.copyOf(headers);
    }

    /** The same API, with {@code name: value} sent on every request (e.g. a client address through a proxy). */
    public Api with(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new Api(base, more);
    }

    /** The API of the server Arquillian deployed to: its port and context path, but on 127.0.0.1 where it listens. */
    public static Api of(URL deployment) {
        String path = deployment.getPath().endsWith("/") ? deployment.getPath() : deployment.getPath() + "/";
        return new Api(URI.create("http://127.0.0.1:" + deployment.getPort() + path));
    }

    public URI base() {
        return base;
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public Request request(String method, String path) {
        Request request = new Request(method, uri(path));
        headers.forEach(request::header);
        return request;
    }

    public Reply get(String path, String token) {
        return request("GET", path).bearer(token).send();
    }

    public Reply delete(String path, String token) {
        return request("DELETE", path).bearer(token).send();
    }

    public Reply postJson(String path, String token, JsonObject body) {
        return request("POST", path).bearer(token).json(body.toString()).send();
    }

    /** Logs in with JSON; returns the reply whatever its status. */
    public Reply login(String username, String password, String userAgent) {
        return request("POST", "/api/auth/login").userAgent(userAgent)
                .json(Json.createObjectBuilder().add("username", username).add("password", password).build()
                        .toString())
                .send();
    }

    /** Logs in and answers the access token; fails the test unless the login succeeds. */
    public Tokens loginOk(String username, String password, String userAgent) {
        Reply reply = login(username, password, userAgent);
        if (reply.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + reply);
        }
        return Tokens.of(reply.json());
    }

    /** Forgets the cached admin sessions (a new server is being deployed). */
    public static void forgetAdminSessions() {
        ADMIN_SESSIONS.clear();
    }

    /**
     * A session of {@code admin}: one per server, reused while it works, so that tests do not pile up admin
     * sessions (which per-user session limits would evict).
     */
    public Tokens loginAdmin() {
        Tokens cached = ADMIN_SESSIONS.get(base);
        if (cached != null && secondsLeft(cached.access()) > 5 && get("/api/me", cached.access()).status() == 200) {
            return cached;
        }
        Tokens fresh = loginOk("admin", Deployments.adminPassword(), "token-manager-it");
        ADMIN_SESSIONS.put(base, fresh);
        return fresh;
    }

    /** Seconds until an access token's {@code exp}. */
    static long secondsLeft(String accessToken) {
        long exp = Jwts.claims(accessToken).getJsonNumber("exp").longValue();
        return exp - java.time.Instant.now().getEpochSecond();
    }

    /** Creates a user with a fresh name starting with {@code prefix} and answers it. */
    public User createUser(String prefix, String... groups) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "password-of-" + username;
        Reply reply = postJson("/api/admin/users", loginAdmin().access(), Json.createObjectBuilder()
                .add("username", username).add("password", password)
                .add("groups", Json.createArrayBuilder(java.util.List.of(groups))).build());
        if (reply.status() != 201) {
            throw new AssertionError("creating " + username + " failed: " + reply);
        }
        return new User(username, password);
    }

    /** A user the test created. */
    public record User(String username, String password) {
    }

    /** The tokens a login or refresh answered. */
    public record Tokens(String access, String refresh, String sessionId, JsonObject body) {
        public static Tokens of(JsonObject body) {
            return new Tokens(body.getString("access_token"), body.getString("refresh_token", null),
                    body.getString("session_id"), body);
        }
    }

    /** One request being built. */
    public static final class Request {
        private final String method;
        private final HttpRequest.Builder builder;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        Request(String method, URI uri) {
            this.method = method;
            this.builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        }

        public Request header(String name, String value) {
            builder.header(name, value);
            return this;
        }

        public Request bearer(String token) {
            return token == null ? this : header("Authorization", "Bearer " + token);
        }

        public Request userAgent(String userAgent) {
            return userAgent == null ? this : header("User-Agent", userAgent);
        }

        public Request body(String contentType, String text) {
            header("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
            return this;
        }

        public Request json(String text) {
            return body("application/json", text);
        }

        public Request form(Map<String, String> fields) {
            return body("application/x-www-form-urlencoded", fields.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&")));
        }

        public Reply send() {
            try {
                HttpResponse<String> response = CLIENT.send(builder.method(method, body).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Reply(response.statusCode(), response.headers(), response.body());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
