package dev.tokenmanager.session;

/**
 * Which live sessions an administrator looks at: filters (each optional) and one page of them.
 *
 * @param username       exact username
 * @param usernamePrefix start of the username, any case
 * @param kind           login sessions or named tokens
 * @param deviceType     parsed device type, exact
 * @param ipPrefix       start of the client address
 * @param sort           the order
 * @param descending     newest first when true
 * @param offset         rows to skip
 * @param limit          rows to answer
 */
public record SessionQuery(String username, String usernamePrefix, SessionKind kind, String deviceType,
                           String ipPrefix, Sort sort, boolean descending, int offset, int limit) {

    /** The orders an administrator can ask for. */
    public enum Sort {
        LAST_SEEN("s.lastSeenAt"),
        CREATED("s.createdAt");

        final String field;

        Sort(String field) {
            this.field = field;
        }
    }

    /** All live sessions, most recently seen first. */
    public static SessionQuery page(int offset, int limit) {
        return new SessionQuery(null, null, null, null, null, Sort.LAST_SEEN, true, offset, limit);
    }
}
