package dev.tokenmanager.feedclient;

/**
 * Whether the library knows the feed up to now: it has caught up with it once, and has heard from it (an event or a
 * heartbeat) within the bound since. Fail closed refuses every token while it does not; fail open never does.
 */
final class FeedHealth {

    /** What the library knows of the feed. */
    enum State {
        /** Not caught up with the feed yet since start-up. */
        STARTING,
        /** Heard from the feed within the bound. */
        FOLLOWING,
        /** Nothing heard for longer than the bound. */
        CUT_OFF
    }

    private final FeedClientSettings.Mode mode;
    private final long maxOutageMillis;
    private volatile long lastHeard = -1;

    FeedHealth(FeedClientSettings.Mode mode, long maxOutageMillis) {
        this.mode = mode;
        this.maxOutageMillis = maxOutageMillis;
    }

    /** The feed was heard from at {@code now} (epoch milliseconds) on a connection that has caught up. */
    void heard(long now) {
        lastHeard = now;
    }

    State state(long now) {
        long heard = lastHeard;
        if (heard < 0) {
            return State.STARTING;
        }
        return now - heard > maxOutageMillis ? State.CUT_OFF : State.FOLLOWING;
    }

    /** Whether every token is to be refused at {@code now}. */
    boolean refusesEveryToken(long now) {
        return mode == FeedClientSettings.Mode.FAIL_CLOSED && state(now) != State.FOLLOWING;
    }

    FeedClientSettings.Mode mode() {
        return mode;
    }
}
