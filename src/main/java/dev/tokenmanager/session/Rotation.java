package dev.tokenmanager.session;

/** What presenting a refresh token came to. */
public sealed interface Rotation {

    /** The token was live: it is rotated away, {@code refreshToken} replaces it, the session slid forward. */
    record Rotated(Session session, String refreshToken) implements Rotation {
        @Override
        public String toString() {
            return "Rotated[" + session.id() + "]";
        }
    }

    /**
     * The token had been rotated a moment ago (within the retry grace) and its successor was never used: a retry
     * after a lost answer, or a concurrent refresh. The unused successor is superseded, {@code refreshToken} replaces
     * it, so the session still has exactly one live refresh token.
     */
    record Retried(Session session, String refreshToken) implements Rotation {
        @Override
        public String toString() {
            return "Retried[" + session.id() + "]";
        }
    }

    /** No such token, its session ended, or a retry of its predecessor replaced it before it was used. */
    record Refused() implements Rotation {
    }

    /** Another request rotated the same token while this one was on its way, and retries are off: 401 only. */
    record LostRace() implements Rotation {
    }

    /**
     * An older generation, or the previous token after its successor was used or its grace ran out, presented by a
     * request that found it rotated already: the whole session is revoked.
     */
    record Reused(Session session) implements Rotation {
    }
}
