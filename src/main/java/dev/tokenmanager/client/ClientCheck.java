package dev.tokenmanager.client;

/** Whether a grant (login, refresh, token exchange) may name a client, and which one its session gets. */
public sealed interface ClientCheck {

    /** No client named, nor bound to the session: a session without a client. */
    record NoClient() implements ClientCheck {
    }

    /** An active client, proven by its secret when it has one. */
    record Accepted(String clientId) implements ClientCheck {
    }

    /** Unknown, disabled, or not the session's client: a {@code 400}, with a detail for the caller. */
    record Refused(String detail) implements ClientCheck {
    }

    /** A client that has a secret, and the secret was missing or wrong: a {@code 401}. */
    record Unauthenticated(String clientId) implements ClientCheck {
    }
}
