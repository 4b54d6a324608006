package dev.tokenmanager.api;

import dev.tokenmanager.auth.TokenAuthenticationMechanism;
import dev.tokenmanager.events.SecurityEvent;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.feed.FeedAccess;
import dev.tokenmanager.feed.LastEventId;
import dev.tokenmanager.feed.RevocationFeed;
import dev.tokenmanager.feed.RevocationLog;
import dev.tokenmanager.http.ClientInfoResolver;
import dev.tokenmanager.http.Problem;
import dev.tokenmanager.http.ProblemResponses;
import dev.tokenmanager.http.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The revocation feed, {@code GET /api/auth/revocations}: Server-Sent Events of ended sessions for services that
 * verify our tokens statelessly. Who may follow it is {@link FeedAccess}'s to decide (the method is public to the
 * API's access control for that reason): a bearer of group introspect or admin, or a registered client with a
 * secret in HTTP Basic.
 */
@ApplicationScoped
@Path("auth/revocations")
public class RevocationFeedResource {

    @Inject
    FeedAccess access;
    @Inject
    RevocationFeed feed;
    @Inject
    RevocationLog log;
    @Inject
    SecurityEvents events;
    @Inject
    ClientInfoResolver clientInfo;
    @Context
    HttpServletRequest request;

    @GET
    @Public
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void follow(@HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
                       @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                       @Context SseEventSink sink, @Context Sse sse) {
        FeedAccess.Decision decision = access.decide(authorization);
        if (decision instanceof FeedAccess.Decision.InvalidToken invalid) {
            throw new ProblemException(Problem.of(401, "invalid-token",
                    TokenAuthenticationMechanism.invalidTokenDetail(invalid.outcome())),
                    Map.of("WWW-Authenticate", ProblemResponses.INVALID_TOKEN_CHALLENGE));
        }
        if (decision instanceof FeedAccess.Decision.Unauthenticated unauthenticated) {
            unauthenticated.failedClient().ifPresent(clientId -> events.record(
                    SecurityEvent.of(SecurityEventKind.CLIENT_AUTHENTICATION_FAILED).ip(clientInfo.of(request).ip())
                            .detail("client " + clientId + ": wrong secret for the revocation feed")));
            throw new ProblemException(Problem.of(401, "authentication-required",
                    "The revocation feed needs a bearer token of group introspect or admin, or a registered "
                            + "client's client_id and secret in HTTP Basic."),
                    Map.of("WWW-Authenticate", ProblemResponses.BEARER_CHALLENGE));
        }
        if (!(decision instanceof FeedAccess.Decision.Admitted admitted)) {
            throw new ProblemException(403, "forbidden", "The revocation feed is for group introspect or admin.");
        }
        OptionalLong after;
        try {
            after = LastEventId.parse(lastEventId, log.lastSequence());
        } catch (LastEventId.InvalidLastEventIdException e) {
            throw new ProblemException(400, "invalid-last-event-id", e.getMessage());
        }
        feed.subscribe(sink, sse, admitted.subscriber(), after.isPresent() ? after.getAsLong() : null);
    }
}
