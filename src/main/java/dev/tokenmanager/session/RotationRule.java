package dev.tokenmanager.session;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides what presenting a refresh token comes to, from what is stored about it and its successor once the
 * session row is locked. A token that was still unused when the request first read it lost a race at worst: it
 * arrived while the token was live, so it is never taken for reuse.
 */
final class RotationRule {

    /** What to do with the presented token. */
    enum Outcome {
        /** It is the session's current token: rotate it. */
        ROTATE,
        /** It was rotated a moment ago and its successor is unused: replace the successor, answer a new pair. */
        RETRY,
        /** Another request rotated it while this one was on its way, and no retry is allowed: 401 only. */
        LOST_RACE,
        /** An older generation, or the previous token after its successor was used: revoke the session. */
        REUSE,
        /** It refreshes nothing (a retry of its predecessor replaced it before it was used): 401 only. */
        REFUSED
    }

    private RotationRule() {
    }

    /**
     * @param presented the token as stored now (the session row locked)
     * @param successor the token that replaced it, as stored now; null when it was never rotated (or was rotated
     *                  before successors were recorded)
     * @param sawLive   whether the token was unused when this request first read it, before waiting for the lock
     */
    static Outcome decide(RefreshToken presented, RefreshToken successor, boolean sawLive, Instant now,
                          Duration retryGrace) {
        if (presented.supersededAt().isPresent()) {
            return Outcome.REFUSED;
        }
        if (presented.usedAt().isEmpty()) {
            return Outcome.ROTATE;
        }
        boolean successorUnused = successor != null && successor.usedAt().isEmpty()
                && successor.supersededAt().isEmpty();
        if (successorUnused && now.isBefore(presented.usedAt().get().plus(retryGrace))) {
            return Outcome.RETRY;
        }
        return sawLive ? Outcome.LOST_RACE : Outcome.REUSE;
    }
}
