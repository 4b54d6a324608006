package dev.tokenmanager.feed;

import dev.tokenmanager.account.Groups;
import dev.tokenmanager.auth.Caller;
import dev.tokenmanager.session.SessionLookup;
import dev.tokenmanager.session.SessionState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who may follow the revocation feed, the one place that decides it: today a bearer (access token or named token)
 * of an account in group {@code introspect} or {@code admin}. Other credentials (a registered client's
 * {@code client_id:secret} in HTTP Basic) belong here: {@link #decide} sees the request's {@code Authorization}
 * header, and {@link #stillAdmitted} is asked again on every heartbeat, so a stream ends once its credential does.
 */
@ApplicationScoped
public class FeedAccess {

    private static final List<String> GROUPS = List.of(Groups.ADMIN, Groups.INTROSPECT);

    /** Who is subscribing, as far as the feed needs to know it (never a secret). */
    public record Subscriber(String name, String sessionId, Optional<Instant> credentialExpiresAt) {
    }

    /** What a subscription request comes to. */
    public sealed interface Decision {
        record Admitted(Subscriber subscriber) implements Decision {
        }

        /** No credential the feed accepts: 401. */
        record Unauthenticated() implements Decision {
        }

        /** A caller the feed is not for: 403. */
        record Forbidden() implements Decision {
        }
    }

    @Inject
    SessionLookup sessions;
    @Inject
    Clock clock;

    /**
     * @param caller        the bearer the authentication mechanism established, if any
     * @param authorization the request's {@code Authorization} header (for credentials other than a bearer)
     */
    public Decision decide(Optional<Caller> caller, String authorization) {
        if (caller.isEmpty()) {
            return new Decision.Unauthenticated();
        }
        Caller found = caller.get();
        if (GROUPS.stream().noneMatch(found::inGroup)) {
            return new Decision.Forbidden();
        }
        return new Decision.Admitted(new Subscriber(found.username(), found.sessionId(),
                found.token().map(token -> token.expiresAt())));
    }

    /** Whether {@code subscriber}'s credential still admits it now: not expired, its session live, still in a group. */
    public boolean stillAdmitted(Subscriber subscriber) {
        Instant now = clock.instant();
        if (subscriber.credentialExpiresAt().map(now::isAfter).orElse(false)) {
            return false;
        }
        Optional<SessionState> session = sessions.bySessionId(subscriber.sessionId());
        return session.isPresent() && session.get().isLive(now)
                && GROUPS.stream().anyMatch(session.get().groups()::contains);
    }
}
