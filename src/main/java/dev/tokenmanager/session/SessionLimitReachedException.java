package dev.tokenmanager.session;

/** A login would exceed the per-user limit on login sessions, and the policy is to refuse it. */
public final class SessionLimitReachedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SessionLimitReachedException() {
        super("session limit reached", null, false, false);
    }
}
