package dev.tokenmanager.it.support;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID Connect provider for the tests: {@code no.nav.security:mock-oauth2-server} on loopback (discovery,
 * JWKS, authorization code flow with PKCE, signed tokens). Each issuer id is its own issuer
 * ({@code http://localhost:<port>/<id>}) with its own keys. A restart on the same port brings new keys.
 */
public final class TestProvider implements AutoCloseable {

    private final int port;
    private volatile MockOAuth2Server server;

    private TestProvider(int port) {
        this.port = port;
        this.server = started(port);
    }

    public static TestProvider start() {
        return new TestProvider(TcpProxy.freeLoopbackPort());
    }

    private static MockOAuth2Server started(int port) {
        MockOAuth2Server server = new MockOAuth2Server();
        try {
            server.start(InetAddress.getByName("127.0.0.1"), port);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /** The issuer URL of issuer {@code id}, as its tokens' {@code iss} says it. */
    public String issuer(String id) {
        return server.issuerUrl(id).toString();
    }

    /** An ID token of issuer {@code id} for client {@code audience}, valid for {@code expirySeconds} from now. */
    public String idToken(String id, String subject, String audience, Map<String, Object> claims, long expirySeconds) {
        return token(id, subject, "JWT", List.of(audience), claims, expirySeconds);
    }

    /** Any token of issuer {@code id}: header {@code typ}, {@code aud}, the given claims (plus iss, iat, exp, jti). */
    public String token(String id, String subject, String type, List<String> audience, Map<String, Object> claims,
                        long expirySeconds) {
        return server.issueToken(id, "test-client", new DefaultOAuth2TokenCallback(id, subject, type, audience,
                claims, expirySeconds)).serialize();
    }

    /**
     * The claims of the tokens of the next code redemption at issuer {@code id}. The provider takes queued sign-ins
     * in order, one per redemption (also a refused one): queue one only for a flow that reaches the token endpoint.
     */
    public void nextSignIn(String id, String subject, Map<String, Object> claims) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(id, subject, "JWT", null, claims, 3600));
    }

    /** The JWKS URL of issuer {@code id}. */
    public String jwksUrl(String id) {
        return server.jwksUrl(id).toString();
    }

    /** Stops the provider (it is down); {@link #restart()} brings it back with new keys. */
    public void stop() {
        server.shutdown();
    }

    /** Starts the provider again on its port, with new signing keys. */
    public void restart() {
        server = started(port);
    }

    @Override
    public void close() {
        try {
            server.shutdown();
        } catch (RuntimeException e) {
            // stopped already
        }
    }
}
