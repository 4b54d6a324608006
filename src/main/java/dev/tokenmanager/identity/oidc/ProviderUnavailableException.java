package dev.tokenmanager.identity.oidc;

/** The provider could not be reached, or answered with a server error; nothing about the caller's input. */
public final class ProviderUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProviderUnavailableException(String message) {
        super(message, null, false, false);
    }
}
