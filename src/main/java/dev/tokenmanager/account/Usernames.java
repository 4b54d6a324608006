package dev.tokenmanager.account;

import java.util.regex.Pattern;

/** The rules for usernames: 1-64 letters, digits, {@code .}, {@code _}, {@code -} or {@code @}. */
public final class Usernames {

    public static final int MAX_LENGTH = 64;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@-]{1," + MAX_LENGTH + "}");

    private Usernames() {
    }

    public static boolean isValid(String username) {
        return username != null && VALID.matcher(username).matches();
    }
}
