package dev.tokenmanager.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * A front end's back-channel logout endpoint on 127.0.0.1, as a real relying party runs it (OpenID Connect
 * Back-Channel Logout 1.0 §2.6): it takes the form field {@code logout_token}, verifies it against token-manager's
 * JWKS (signature, {@code typ}, {@code iss}, {@code aud} = its client id, {@code iat}, {@code exp}, {@code jti},
 * {@code sid}, {@code sub}, the event, no {@code nonce}), answers 200, or 400 for a token it refuses, and remembers
 * both. It can be down, slow, or answer an error.
 */
public final class LogoutReceiver implements AutoCloseable {

    public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    /** A logout token that passed every check. */
    public record Received(String sessionId, String subject, String tokenId, String token, JwtClaims claims) {
    }

    private final String clientId;
    private final int port;
    private final JwtConsumer consumer;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<String> rawTokens = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile Duration delay = Duration.ZERO;
    private HttpServer server;
    private ExecutorService threads;

    private LogoutReceiver(Api api, String issuer, String clientId) {
        this.clientId = clientId;
        this.port = TcpProxy.freeLoopbackPort();
        HttpsJwks jwks = new HttpsJwks(api.uri("/api/auth/jwks").toString());
        this.consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256", "ES256")
                .setExpectedType(true, "logout+jwt")
                .setExpectedIssuer(issuer)
                .setExpectedAudience(clientId)
                .setRequireIssuedAt()
                .setRequireExpirationTime()
                .setRequireJwtId()
                .setRequireSubject()
                .setMaxFutureValidityInMinutes(5)
                .setAllowedClockSkewInSeconds(30)
                .build();
    }

    /** A receiver of {@code clientId}'s logout tokens from the server {@code api} talks to, listening already. */
    public static LogoutReceiver start(Api api, String clientId) {
        LogoutReceiver receiver = new LogoutReceiver(api, "token-manager", clientId);
        receiver.start();
        return receiver;
    }

    /** A receiver that is down: its port is chosen, nothing listens until {@link #start()}. */
    public static LogoutReceiver down(Api api, String clientId) {
        return new LogoutReceiver(api, "token-manager", clientId);
    }

    /** The client whose logout tokens this receiver takes (their {@code aud}). */
    public String clientId() {
        return clientId;
    }

    /** Where the client receives logout tokens (its {@code backchannel_logout_uri}). */
    public String uri() {
        return "http://127.0.0.1:" + port + "/backchannel-logout";
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/backchannel-logout", this::handle);
        server.start();
    }

    /** Goes down: the port refuses connections. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Answers {@code status} to every token from now on (200 by default). */
    public void answer(int status) {
        this.status = status;
    }

    /** Waits this long before answering. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** The verified logout tokens for session {@code sessionId}. */
    public List<Received> of(String sessionId) {
        return received.stream().filter(r -> r.sessionId().equals(sessionId)).toList();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Why tokens were refused (empty when every token passed). */
    public List<String> refusals() {
        return List.copyOf(refused);
    }

    /** Every token as it arrived, to check that none reaches a log. */
    public List<String> rawTokens() {
        return List.copyOf(rawTokens);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            String token = field(body, "logout_token");
            int answer;
            if (!"POST".equals(exchange.getRequestMethod()) || contentType == null
                    || !contentType.startsWith("application/x-www-form-urlencoded") || token == null) {
                refused.add("not a form POST with logout_token: " + exchange.getRequestMethod() + " " + contentType);
                answer = 400;
            } else {
                rawTokens.add(token);
                answer = verify(token) ? status : 400;
            }
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(answer, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean verify(String token) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            String sid = claims.getStringClaimValue("sid");
            Object events = claims.getClaimValue("events");
            if (sid == null || sid.isEmpty()) {
                refused.add("no sid");
            } else if (!(events instanceof Map<?, ?> map) || !(map.get(EVENT) instanceof Map<?, ?> event)
                    || !event.isEmpty()) {
                refused.add("no back-channel logout event: " + events);
            } else if (claims.hasClaim("nonce")) {
                refused.add("a nonce");
            } else {
                received.add(new Received(sid, claims.getSubject(), claims.getJwtId(), token, claims));
                return true;
            }
        } catch (InvalidJwtException | MalformedClaimException e) {
            refused.add(e.getMessage());
        }
        return false;
    }

    private static String field(String body, String name) {
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
