package dev.tokenmanager.identity;

import dev.tokenmanager.account.Groups;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which token-manager groups a source's groups give: {@code source-group=our-group} pairs, read from a setting such as
 * {@code admins=admin,staff=staff,staff=introspect}. Source group names match without regard to case; groups the map
 * does not name give nothing.
 */
public final class GroupMap {

    private final Map<String, List<String>> groups;

    private GroupMap(Map<String, List<String>> groups) {
        this.groups = groups;
    }

    /** The map a setting's entries describe; each entry is split at its last {@code =}. */
    public static GroupMap parse(String property, List<String> entries) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.lastIndexOf('=');
            String source = equals < 0 ? "" : entry.substring(0, equals).trim();
            String ours = equals < 0 ? "" : entry.substring(equals + 1).trim();
            if (source.isEmpty() || !Groups.isValidName(ours)) {
                throw new IllegalArgumentException(property + " lists source-group=group pairs (a group name of 1-64"
                        + " letters, digits, '.', '_' or '-'), not " + entry);
            }
            groups.computeIfAbsent(key(source), k -> new ArrayList<>()).add(ours);
        }
        groups.replaceAll((k, v) -> List.copyOf(v));
        return new GroupMap(Collections.unmodifiableMap(groups));
    }

    /**
     * The token-manager groups that {@code sourceGroups} give, in the map's order (whatever order the source lists
     * them in), without repeats.
     */
    public List<String> map(Collection<String> sourceGroups) {
        Set<String> present = new HashSet<>();
        sourceGroups.forEach(group -> present.add(key(group)));
        Set<String> mapped = new LinkedHashSet<>();
        groups.forEach((source, ours) -> {
            if (present.contains(source)) {
                mapped.addAll(ours);
            }
        });
        return List.copyOf(mapped);
    }

    private static String key(String group) {
        return group.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "GroupMap" + groups;
    }
}
