package dev.tokenmanager.auth;

import dev.tokenmanager.metrics.AuthOutcome;
import dev.tokenmanager.session.SessionState;

/** The result of checking a presented credential: a caller, or why it was refused. */
public sealed interface Authentication {

    AuthOutcome outcome();

    /** The credential is good: this is the caller, and the session it uses. */
    record Success(Caller caller, SessionState session) implements Authentication {
        @Override
        public AuthOutcome outcome() {
            return AuthOutcome.OK;
        }
    }

    /** The credential was refused. */
    record Failure(AuthOutcome outcome) implements Authentication {
    }
}
