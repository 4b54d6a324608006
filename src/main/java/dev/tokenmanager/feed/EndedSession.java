package dev.tokenmanager.feed;

/**
 * One event of the feed: session {@code sessionId} ended; after {@code liveUntil} (epoch milliseconds) no access
 * token of it can be live anywhere.
 */
public record EndedSession(long seq, String sessionId, long liveUntil) {

    /** {@code until} as the feed carries it: epoch seconds, rounded up. */
    public long untilEpochSecond() {
        return Math.floorDiv(liveUntil + 999, 1000);
    }
}
