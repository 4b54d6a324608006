package dev.tokenmanager.auth;

import dev.tokenmanager.config.Settings;
import dev.tokenmanager.jwt.TokenVerifier;
import dev.tokenmanager.metrics.AuthStats;
import dev.tokenmanager.session.LastSeenRecorder;
import dev.tokenmanager.session.SessionLookup;
import java.time.Clock;

/** The authentication beans, wired by hand as CDI would: for benchmarks that run outside a server. */
public final class AuthBeans {

    private AuthBeans() {
    }

    /** A {@link BearerAuthenticator} with its injected fields set and its configure method called. */
    public static BearerAuthenticator bearerAuthenticator(TokenVerifier verifier, SessionLookup sessions,
                                                          LastSeenRecorder lastSeen, AuthStats stats, Clock clock,
                                                          Settings settings) {
        BearerAuthenticator authenticator = new BearerAuthenticator();
        authenticator.verifier = verifier;
        authenticator.sessions = sessions;
        authenticator.lastSeen = lastSeen;
        authenticator.stats = stats;
        authenticator.clock = clock;
        authenticator.configure(settings);
        return authenticator;
    }
}
