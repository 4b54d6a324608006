package dev.tokenmanager.api;

import dev.tokenmanager.client.ClientCheck;
import dev.tokenmanager.events.SecurityEvent;
import dev.tokenmanager.events.SecurityEventKind;
import dev.tokenmanager.events.SecurityEvents;
import dev.tokenmanager.http.Problem;
import dev.tokenmanager.http.ProblemResponses;
import java.util.Map;

/** Answers a grant's client check: the client id it goes on with, or the problem the caller gets. */
final class ClientChecks {

    private ClientChecks() {
    }

    /**
     * The client id the grant's session gets (null for none); a refused client is a {@code 400}, a client that
     * failed to prove itself a {@code 401} (recorded as a security event from {@code ip}).
     */
    static String require(ClientCheck check, SecurityEvents events, String ip) {
        if (check instanceof ClientCheck.Accepted accepted) {
            return accepted.clientId();
        }
        if (check instanceof ClientCheck.Refused refused) {
            throw new ProblemException(400, "invalid-client", refused.detail());
        }
        if (check instanceof ClientCheck.Unauthenticated unauthenticated) {
            events.record(SecurityEvent.of(SecurityEventKind.CLIENT_AUTHENTICATION_FAILED).ip(ip)
                    .detail("client " + unauthenticated.clientId() + ": missing or wrong client_secret"));
            throw new ProblemException(Problem.of(401, "invalid-client-secret",
                    "This client must send its 'client_secret', and the one sent is missing or wrong."),
                    Map.of("WWW-Authenticate", ProblemResponses.BEARER_CHALLENGE));
        }
        return null;
    }
}
