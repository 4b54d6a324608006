package dev.tokenmanager.feedclient;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The sessions the feed said ended, each remembered until no token of it can be accepted here any more (its
 * {@code until} plus this service's clock skew), so memory stays bounded by the revocations of one token lifetime.
 */
final class EndedSessions {

    private final ConcurrentMap<String, Long> keepUntil = new ConcurrentHashMap<>();
    private final long skewSeconds;

    EndedSessions(long skewSeconds) {
        this.skewSeconds = skewSeconds;
    }

    /** Session {@code sid} ended; no token of it is live after {@code until} (epoch seconds). */
    void add(String sid, long until) {
        keepUntil.merge(sid, until + skewSeconds, Math::max);
    }

    /** Whether a token of session {@code sid} must be refused at {@code now} (epoch seconds). */
    boolean hasEnded(String sid, long now) {
        Long until = keepUntil.get(sid);
        return until != null && now <= until;
    }

    /** Forgets the sessions whose tokens are all dead at {@code now} (epoch seconds). */
    void forgetDead(long now) {
        keepUntil.values().removeIf(until -> until < now);
    }

    int size() {
        return keepUntil.size();
    }
}
