package dev.tokenmanager.auth;

/** The result of checking a presented credential: a caller, or why it was refused. */
public sealed interface Authentication {

    AuthOutcome outcome();

    /** The credential is good: this is the caller. */
    record Success(Caller caller) implements Authentication {
        @Override
        public AuthOutcome outcome() {
            return AuthOutcome.OK;
        }
    }

    /** The credential was refused. */
    record Failure(AuthOutcome outcome) implements Authentication {
    }
}
