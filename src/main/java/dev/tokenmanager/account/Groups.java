package dev.tokenmanager.account;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Group names: their rules, and their stored form (comma-separated, in the order given, without repeats). */
public final class Groups {

    /** The group that may use the admin API and console. */
    public static final String ADMIN = "admin";
    /** The group that may call the introspection endpoint. */
    public static final String INTROSPECT = "introspect";

    /** The longest group name, and the most groups one user may have. */
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_GROUPS = 32;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_NAME_LENGTH + "}");

    private Groups() {
    }

    /** Whether {@code name} is a valid group name: 1-64 letters, digits, {@code .}, {@code _} or {@code -}. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Whether {@code groups} is a list a user may be given: valid names, at most 32. */
    public static boolean isValidList(List<String> groups) {
        return groups.size() <= MAX_GROUPS && groups.stream().allMatch(Groups::isValidName);
    }

    /** The stored form of {@code groups}. */
    public static String format(List<String> groups) {
        return String.join(",", new LinkedHashSet<>(groups));
    }

    /** The groups a stored value lists. */
    public static List<String> parse(String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>(List.of(stored.split(",")));
        return List.copyOf(new ArrayList<>(names));
    }
}
