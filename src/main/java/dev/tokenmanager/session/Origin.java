package dev.tokenmanager.session;

import java.util.Objects;

/**
 * How a login session was signed in: its source ({@code local}, {@code ldap:<name>}, {@code oidc:<name>}) and, for a
 * provider's sign-in, the provider's session id ({@code sid}) that a back-channel logout from it names.
 *
 * @param providerSid null when the source gave none
 */
public record Origin(String source, String providerSid) {

    /** A password login checked against the local hash. */
    public static final Origin LOCAL = new Origin("local", null);

    public Origin {
        Objects.requireNonNull(source, "source");
    }
}
