package dev.tokenmanager.client;

import dev.tokenmanager.crypto.RandomIds;

/** The text form of client secrets: {@code tmcs_} and 43 base64url characters (256 random bits). */
public final class ClientSecrets {

    public static final String PREFIX = "tmcs_";

    private ClientSecrets() {
    }

    public static String generate() {
        return PREFIX + RandomIds.newSecret();
    }
}
