package dev.tokenmanager.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void acceptsTwelveCharactersOrMore() {
        assertThat(PasswordPolicy.violation("alice", "twelve chars")).isEmpty();
    }

    @Test
    void refusesShortMissingOrHugePasswords() {
        assertThat(PasswordPolicy.violation("alice", "eleven char")).isPresent();
        assertThat(PasswordPolicy.violation("alice", "")).isPresent();
        assertThat(PasswordPolicy.violation("alice", null)).isPresent();
        assertThat(PasswordPolicy.violation("alice", "x".repeat(1025))).isPresent();
    }

    @Test
    void refusesTheUsernameInAnyCase() {
        assertThat(PasswordPolicy.violation("alice.wonderland", "Alice.Wonderland")).isPresent();
    }

    @Test
    void usernamesAndGroupsHaveRules() {
        assertThat(Usernames.isValid("alice@example.org")).isTrue();
        assertThat(Usernames.isValid("a b")).isFalse();
        assertThat(Usernames.isValid("x".repeat(65))).isFalse();
        assertThat(Usernames.isValid("'; DROP TABLE tm_account; --")).isFalse();
        assertThat(Groups.parse(Groups.format(java.util.List.of("admin", "user", "admin"))))
                .containsExactly("admin", "user");
        assertThat(Groups.isValidList(java.util.List.of("ok", "not ok"))).isFalse();
    }
}
