package dev.tokenmanager.identity.oidc;

/** A token from (or claiming to be from) a provider was refused; the message says which rule it broke. */
public final class ProviderTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProviderTokenException(String message) {
        super(message, null, false, false);
    }
}
