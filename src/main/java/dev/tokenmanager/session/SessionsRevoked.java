package dev.tokenmanager.session;

import java.util.List;

/** CDI event: these sessions were revoked (fired inside the revoking transaction). */
public record SessionsRevoked(List<String> sessionIds) {

    public SessionsRevoked {
        sessionIds = List.copyOf(sessionIds);
    }
}
