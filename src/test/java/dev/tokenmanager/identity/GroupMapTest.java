package dev.tokenmanager.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupMapTest {

    private final GroupMap map = GroupMap.parse("p", List.of("TM Admins=admin", "staff=staff", "staff=introspect",
            "cn=ops,ou=groups,dc=example,dc=org=admin", "/team/a=team-a"));

    @Test
    void mapsSourceGroupsWithoutRegardToCaseInTheMapsOrder() {
        assertThat(map.map(List.of("STAFF", "tm admins", "unknown"))).containsExactly("admin", "staff", "introspect");
    }

    @Test
    void splitsAtTheLastEqualsSoDistinguishedNamesAndPathsWork() {
        assertThat(map.map(List.of("CN=ops,OU=groups,DC=example,DC=org"))).containsExactly("admin");
        assertThat(map.map(List.of("/team/a"))).containsExactly("team-a");
    }

    @Test
    void unmappedGroupsGiveNothing() {
        assertThat(map.map(List.of("everyone"))).isEmpty();
        assertThat(GroupMap.parse("p", List.of()).map(List.of("staff"))).isEmpty();
    }

    @Test
    void badEntriesNameTheProperty() {
        assertThatThrownBy(() -> GroupMap.parse("token-manager.oidc.x.group-map", List.of("staff")))
                .hasMessageContaining("token-manager.oidc.x.group-map");
        assertThatThrownBy(() -> GroupMap.parse("p", List.of("staff=not a group")))
                .hasMessageContaining("not a group");
        assertThatThrownBy(() -> GroupMap.parse("p", List.of("=admin"))).hasMessageContaining("=admin");
    }
}
