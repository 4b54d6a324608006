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

    /** No such token, or its session ended. */
    record Refused() implements Rotation {
    }

    /** Another request rotated the same token while this one was on its way: only the other one wins. */
    record LostRace() implements Rotation {
    }

    /** The token had been rotated away before this request arrived: the whole session is revoked. */
    record Reused(Session session) implements Rotation {
    }
}
