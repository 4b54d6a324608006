package dev.tokenmanager.feed;

import dev.tokenmanager.account.Groups;
import dev.tokenmanager.auth.Authentication;
import dev.tokenmanager.auth.BearerAuthenticator;
import dev.tokenmanager.auth.Caller;
import dev.tokenmanager.auth.TokenAuthenticationMechanism;
import dev.tokenmanager.client.ClientCheck;
import dev.tokenmanager.client.ClientCredentials;
import dev.tokenmanager.client.ClientRegistry;
import dev.tokenmanager.client.RegisteredClient;
import dev.tokenmanager.crypto.SecretHash;
import dev.tokenmanager.metrics.AuthOutcome;
import dev.tokenmanager.session.SessionLookup;
import dev.tokenmanager.session.SessionState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who may follow the revocation feed, the one place that decides it: a bearer (access token or named token) of an
 * account in group {@code introspect} or {@code admin}, or a registered client with a secret, proving itself with
 * {@code client_id:secret} in HTTP Basic. {@link #stillAdmitted} is asked again on every heartbeat, so a stream ends
 * once its credential does: the token expires, its session ends or its groups change; the client is disabled,
 * deleted, or its secret replaced or removed.
 */
@ApplicationScoped
public class FeedAccess {

    private static final List<String> GROUPS = List.of(Groups.ADMIN, Groups.INTROSPECT);

    /** Who is subscribing, as far as the feed needs to know it (never a secret). */
    public record Subscriber(String name, Credential credential) {
    }

    /** What admitted a subscriber, kept to ask again whether it still does. */
    public sealed interface Credential {
        /** A token of session {@code sessionId}, valid until {@code expiresAt} (none for a named token). */
        record Bearer(String sessionId, Optional<Instant> expiresAt) implements Credential {
        }

        /** Registered client {@code clientId}, by the secret that hashes to {@code secretHash}. */
        record Client(String clientId, String secretHash) implements Credential {
        }
    }

    /** What a subscription request comes to. */
    public sealed interface Decision {
        record Admitted(Subscriber subscriber) implements Decision {
        }

        /**
         * No credential the feed accepts: 401. {@code failedClient} names the registered client whose secret was
         * wrong, when that was the reason.
         */
        record Unauthenticated(Optional<String> failedClient) implements Decision {
        }

        /** A bearer credential that was refused (expired, of an ended session, not ours): 401 invalid-token. */
        record InvalidToken(AuthOutcome outcome) implements Decision {
        }

        /** A caller the feed is not for: 403. */
        record Forbidden() implements Decision {
        }
    }

    @Inject
    BearerAuthenticator authenticator;
    @Inject
    SessionLookup sessions;
    @Inject
    ClientRegistry clients;
    @Inject
    Clock clock;

    /**
     * Decides on the request's {@code Authorization} header. The feed's path is public to the authentication
     * mechanism (which leaves a bearer there alone), so a bearer is authenticated here, counted and recorded as a
     * use like any other request's.
     */
    public Decision decide(String authorization) {
        Optional<String> bearer = TokenAuthenticationMechanism.bearerCredential(authorization);
        if (bearer.isPresent()) {
            Authentication result = authenticator.authenticate(bearer.get());
            if (!(result instanceof Authentication.Success success)) {
                return new Decision.InvalidToken(result.outcome());
            }
            Caller found = success.caller();
            if (GROUPS.stream().noneMatch(found::inGroup)) {
                return new Decision.Forbidden();
            }
            return new Decision.Admitted(new Subscriber(found.username(),
                    new Credential.Bearer(found.sessionId(), found.token().map(token -> token.expiresAt()))));
        }
        Optional<ClientCredentials> basic = ClientCredentials.fromBasic(authorization);
        if (basic.isEmpty()) {
            return new Decision.Unauthenticated(Optional.empty());
        }
        String clientId = basic.get().clientId();
        ClientCheck check = clients.check(clientId, basic.get().secret());
        if (check instanceof ClientCheck.Accepted) {
            // A client without a secret is refused by the check (a Basic header always carries one).
            return new Decision.Admitted(new Subscriber("client " + clientId,
                    new Credential.Client(clientId, SecretHash.of(basic.get().secret()))));
        }
        return new Decision.Unauthenticated(check instanceof ClientCheck.Unauthenticated
                ? Optional.of(clientId) : Optional.empty());
    }

    /** Whether {@code subscriber}'s credential still admits it now. */
    public boolean stillAdmitted(Subscriber subscriber) {
        if (subscriber.credential() instanceof Credential.Client client) {
            return clients.find(client.clientId()).filter(RegisteredClient::isActive)
                    .map(found -> found.secretHashIs(client.secretHash())).orElse(false);
        }
        Credential.Bearer bearer = (Credential.Bearer) subscriber.credential();
        Instant now = clock.instant();
        if (bearer.expiresAt().map(now::isAfter).orElse(false)) {
            return false;
        }
        Optional<SessionState> session = sessions.bySessionId(bearer.sessionId());
        return session.isPresent() && session.get().isLive(now)
                && GROUPS.stream().anyMatch(session.get().groups()::contains);
    }
}
