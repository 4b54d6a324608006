package dev.tokenmanager.it;

import static dev.tokenmanager.it.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.it.support.Api;
import dev.tokenmanager.it.support.Api.Tokens;
import dev.tokenmanager.it.support.Api.User;
import dev.tokenmanager.it.support.Deployments;
import dev.tokenmanager.it.support.Reply;
import dev.tokenmanager.it.support.SingleServerIT;
import dev.tokenmanager.it.support.TcpProxy;
import dev.tokenmanager.it.support.TestDirectory;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * People from LDAP directories sign in with their directory password: a real directory (the UnboundID in-memory
 * server on loopback) with three listeners, plain LDAP (reached through a TCP proxy the test can cut), LDAPS and
 * StartTLS, each configured as its own directory of the server under test.
 */
class LdapSignInIT extends SingleServerIT {

    private static final String PEOPLE = "ou=people," + TestDirectory.BASE;
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    private static TestDirectory directory;
    private static TcpProxy corpProxy;

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        directory = TestDirectory.start(Deployments.dataDir("LdapSignInIT-directory"), ldif());
        corpProxy = TcpProxy.to("127.0.0.1", directory.port("ldap"));
        Map<String, String> settings = new HashMap<>();
        settings.put("token-manager.trusted-proxies", "127.0.0.1");
        settings.put("token-manager.ldap.directories", "corp,partners,contractors");
        String corp = "token-manager.ldap.corp.";
        settings.put(corp + "url", "ldap://127.0.0.1:" + corpProxy.port());
        settings.put(corp + "bind-dn", TestDirectory.SERVICE_DN);
        settings.put(corp + "bind-password", TestDirectory.SERVICE_PASSWORD);
        settings.put(corp + "user-base", PEOPLE);
        settings.put(corp + "user-filter", "(&(objectClass=inetOrgPerson)(!(pwdAccountLockedTime=*)))");
        settings.put(corp + "group-map", "tm-admins=admin,staff=staff");
        settings.put(corp + "connect-timeout", "PT2S");
        String partners = "token-manager.ldap.partners.";
        settings.put(partners + "url", directory.ldapsUrl());
        settings.put(partners + "trust-store", directory.trustStore().toString());
        settings.put(partners + "trust-store-password", TestDirectory.TRUST_STORE_PASSWORD);
        settings.put(partners + "user-base", TestDirectory.BASE);
        settings.put(partners + "user-filter", "(objectClass=inetOrgPerson)");
        settings.put(partners + "login-attribute", "mail");
        settings.put(partners + "username-attribute", "uid");
        settings.put(partners + "group-attribute", "-");
        settings.put(partners + "group-base", "ou=groups," + TestDirectory.BASE);
        settings.put(partners + "group-map", "partners=partner");
        String contractors = "token-manager.ldap.contractors.";
        settings.put(contractors + "url", directory.startTlsUrl());
        settings.put(contractors + "start-tls", "true");
        settings.put(contractors + "trust-store", directory.trustStore().toString());
        settings.put(contractors + "trust-store-password", TestDirectory.TRUST_STORE_PASSWORD);
        settings.put(contractors + "user-base", "ou=contractors," + TestDirectory.BASE);
        settings.put(contractors + "bind-dn", TestDirectory.SERVICE_DN);
        settings.put(contractors + "bind-password", TestDirectory.SERVICE_PASSWORD);
        return Deployments.tokenManager("LdapSignInIT", settings);
    }

    static String ldif() throws IOException {
        try (InputStream in = LdapSignInIT.class.getResourceAsStream("/directory.ldif")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void stopDirectory() {
        if (corpProxy != null) {
            corpProxy.close();
        }
        if (directory != null) {
            directory.close();
        }
    }

    /** The API as seen from an address of this test's own (through the trusted proxy), so throttles stay apart. */
    private Api person;

    @BeforeEach
    void setUp() {
        person = api.with("X-Forwarded-For", "198.51.100." + ADDRESSES.getAndIncrement());
    }

    private JsonObject me(String token) {
        Reply reply = person.get("/api/me", token);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json();
    }

    private static List<String> groups(JsonObject me) {
        return me.getJsonArray("groups").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }

    private Optional<JsonObject> user(String username) {
        JsonArray users = api.get("/api/admin/users", api.loginAdmin().access()).jsonArray();
        return users.getValuesAs(JsonObject.class).stream()
                .filter(user -> user.getString("username").equals(username)).findFirst();
    }

    private long liveSessionsOf(String username) {
        Reply reply = api.get("/api/admin/sessions?username=" + username, api.loginAdmin().access());
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().getJsonNumber("total").longValue();
    }

    private void assertRefused(Reply reply) {
        assertProblem(reply, 401);
        assertThat(reply.json().getString("type")).endsWith(":invalid-credentials");
    }

    @Test
    void directoryUserSignsInJustInTimeWithMappedGroupsAndTheSessionShowsItsSource() {
        Tokens alice = person.loginOk("alice", "alice-directory-password", Api.CHROME_LINUX);

        JsonObject me = me(alice.access());
        assertThat(me.getString("username")).isEqualTo("alice");
        assertThat(groups(me)).containsExactly("admin", "staff");
        JsonObject session = person.get("/api/sessions", alice.access()).jsonArray().getValuesAs(JsonObject.class)
                .stream().filter(s -> s.getBoolean("current")).findFirst().orElseThrow();
        assertThat(session.getString("source")).isEqualTo("ldap:corp");
        assertThat(session.getJsonObject("device").getString("browser")).isEqualTo("Chrome 131");
        JsonObject listed = user("alice").orElseThrow();
        assertThat(listed.getString("source")).isEqualTo("ldap:corp");
        assertThat(listed.getBoolean("active")).isTrue();
        // The directory's admins are admins here: the admin API answers them.
        assertThat(person.get("/api/admin/users", alice.access()).status()).isEqualTo(200);
        // A refresh keeps working like any login's.
        Reply refreshed = person.request("POST", "/api/auth/refresh").header("Refresh-Token", alice.refresh())
                .send();
        assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
    }

    @Test
    void groupsAreReplacedFromTheDirectoryAtEachSignInAndOlderSessionsSeeThemAtOnce() {
        String bob = "uid=bob," + PEOPLE;
        Tokens first = person.loginOk("bob", "bob-directory-password", null);
        assertThat(groups(me(first.access()))).containsExactly("staff");
        try {
            directory.replace(bob, "memberOf", "cn=tm-admins,ou=groups," + TestDirectory.BASE);

            Tokens second = person.loginOk("bob", "bob-directory-password", null);

            assertThat(groups(me(second.access()))).containsExactly("admin");
            assertThat(groups(me(first.access()))).containsExactly("admin");
        } finally {
            directory.replace(bob, "memberOf", "cn=staff,ou=groups," + TestDirectory.BASE);
        }
        Tokens third = person.loginOk("bob", "bob-directory-password", null);
        assertThat(groups(me(third.access()))).containsExactly("staff");
        assertThat(person.get("/api/admin/users", first.access()).status()).isEqualTo(403);
    }

    @Test
    void ldapsAndStartTlsDirectoriesSignPeopleInAndGroupSearchFindsTheirGroups() {
        Tokens erin = person.loginOk("erin@partners.example", "erin-directory-password", null);
        JsonObject me = me(erin.access());
        assertThat(me.getString("username")).isEqualTo("erin");
        assertThat(groups(me)).containsExactly("partner");
        assertThat(user("erin").orElseThrow().getString("source")).isEqualTo("ldap:partners");

        Tokens frank = person.loginOk("frank", "frank-directory-password", null);
        assertThat(me(frank.access()).getString("username")).isEqualTo("frank");
        assertThat(user("frank").orElseThrow().getString("source")).isEqualTo("ldap:contractors");
    }

    @Test
    void wrongPasswordDisabledEntryAndUnknownNameGetTheOneAnswerAndNoSession() {
        User local = api.createUser("local");
        Reply localWrong = person.login(local.username(), "not-the-password", null);
        person.loginOk("alice", "alice-directory-password", null);
        long aliceSessions = liveSessionsOf("alice");

        Reply wrong = person.login("alice", "not-alices-password", null);
        Reply disabled = person.login("carol", "carol-directory-password", null);
        Reply unknown = person.login("nobody-here", "some-password", null);

        for (Reply reply : List.of(wrong, disabled, unknown)) {
            assertRefused(reply);
            assertThat(reply.body()).isEqualTo(localWrong.body());
            assertThat(reply.header("WWW-Authenticate")).isEqualTo(localWrong.header("WWW-Authenticate"));
        }
        assertThat(liveSessionsOf("alice")).isEqualTo(aliceSessions);
        assertThat(user("carol")).isEmpty();
        assertThat(user("nobody-here")).isEmpty();
    }

    @Test
    void everyRefusalCostsOnePasswordHashWhateverItsReason() {
        User local = api.createUser("same-work");
        person.loginOk("alice", "alice-directory-password", null);

        // An unknown name (asked of every directory), a wrong directory password, a disabled directory entry and a
        // wrong local password: the time a refusal takes is the hash's, and each costs one.
        assertThat(hashesOf(() -> assertRefused(person.login("nobody-here", "some-password", null)))).isEqualTo(1);
        assertThat(hashesOf(() -> assertRefused(person.login("alice", "wrong-password", null)))).isEqualTo(1);
        assertThat(hashesOf(() -> assertRefused(person.login("carol", "carol-directory-password", null))))
                .isEqualTo(1);
        assertThat(hashesOf(() -> assertRefused(person.login(local.username(), "wrong-password", null))))
                .isEqualTo(1);
    }

    /** How many password hashes the server computed while {@code login} ran. */
    private long hashesOf(Runnable login) {
        String token = api.loginAdmin().access();
        long before = api.get("/api/admin/stats", token).json().getJsonNumber("password_hashes").longValue();
        login.run();
        return api.get("/api/admin/stats", token).json().getJsonNumber("password_hashes").longValue() - before;
    }

    @Test
    void ldapInjectionInTheUsernameIsJustAWrongLogin() {
        for (String username : List.of("*)(uid=*", "\\00", "\u0000", "admin)(|(a=*", "al*", "*", "alice)(uid=*")) {
            Api from = api.with("X-Forwarded-For", "198.51.100." + ADDRESSES.getAndIncrement());
            Reply reply = from.login(username, "alice-directory-password", null);
            assertThat(reply.status()).as("%s: %s", username, reply).isIn(400, 401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        assertThat(user("*")).isEmpty();
    }

    @Test
    void anEmptyPasswordIsRefusedBeforeAnyBind() {
        int binds = directory.binds().size();

        Reply reply = person.request("POST", "/api/auth/login").json(Json.createObjectBuilder()
                .add("username", "alice").add("password", "").build().toString()).send();

        assertProblem(reply, 400);
        assertThat(directory.binds()).hasSize(binds);
    }

    @Test
    void theDirectoryOwnsThePasswordOfItsPeople() {
        Tokens alice = person.loginOk("alice", "alice-directory-password", null);

        Reply change = person.postJson("/api/me/password", alice.access(), Json.createObjectBuilder()
                .add("current_password", "alice-directory-password").add("new_password", "a-new-local-password")
                .build());
        assertProblem(change, 409);
        assertThat(change.json().getString("type")).endsWith(":password-not-local");
        Reply set = api.request("PATCH", "/api/admin/users/alice").bearer(api.loginAdmin().access())
                .json("{\"password\":\"a-password-set-by-admin\"}").send();
        assertProblem(set, 409);
        assertThat(me(alice.access()).getString("username")).isEqualTo("alice");
        assertRefused(person.login("alice", "a-password-set-by-admin", null));
    }

    @Test
    void deactivatedDirectoryAccountsCannotSignIn() {
        Tokens grace = person.loginOk("grace", "grace-directory-password", null);
        String token = api.loginAdmin().access();
        try {
            assertThat(api.request("PATCH", "/api/admin/users/grace").bearer(token).json("{\"active\":false}")
                    .send().status()).isEqualTo(200);

            assertThat(person.get("/api/me", grace.access()).status()).isEqualTo(401);
            assertRefused(person.login("grace", "grace-directory-password", null));
        } finally {
            api.request("PATCH", "/api/admin/users/grace").bearer(token).json("{\"active\":true}").send();
        }
        assertThat(me(person.loginOk("grace", "grace-directory-password", null).access()).getString("username"))
                .isEqualTo("grace");
    }

    @Test
    void aNameAnotherAccountHasIsRefusedWithAClearProblemAndAnEvent() {
        // The partners directory signs people in by mail; this entry's uid is admin, the local administrator's name.
        Reply reply = person.login("root@example.org", "directory-admin-password", null);

        assertProblem(reply, 409);
        assertThat(reply.json().getString("type")).endsWith(":username-conflict");
        assertThat(user("admin").orElseThrow().getString("source")).isEqualTo("local");
        JsonArray events = api.get("/api/admin/security-events?limit=50", api.loginAdmin().access()).jsonArray();
        assertThat(events.getValuesAs(JsonObject.class)).anyMatch(event ->
                event.getString("kind").equals("external_sign_in_refused")
                        && "admin".equals(event.get("username") == JsonValue.NULL ? null
                        : event.getString("username")));
        // And the directory's "admin" never signs in as the local one.
        assertRefused(person.login("admin", "directory-admin-password", null));
    }

    @Test
    void aRenamedPersonKeepsTheirAccountBecauseItIsLinkedByTheDirectorysId() {
        Tokens before = person.loginOk("grace", "grace-directory-password", null);
        directory.rename("uid=grace,ou=contractors," + TestDirectory.BASE, "uid=grace-renamed");
        try {
            Tokens after = person.loginOk("grace-renamed", "grace-directory-password", null);

            assertThat(me(after.access()).getString("username")).isEqualTo("grace-renamed");
            assertThat(me(before.access()).getString("username")).isEqualTo("grace-renamed");
            assertThat(user("grace")).isEmpty();
        } finally {
            directory.rename("uid=grace-renamed,ou=contractors," + TestDirectory.BASE, "uid=grace");
            person.loginOk("grace", "grace-directory-password", null);
        }
    }

    @Test
    void failedDirectoryLoginsAreThrottledLikeAnyOther() {
        for (int i = 0; i < 5; i++) {
            assertRefused(person.login("bob", "wrong-" + i, null));
        }

        Reply throttled = person.login("bob", "bob-directory-password", null);

        assertProblem(throttled, 429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
    }

    @Test
    void aDirectoryThatIsDownGives503WhileLocalLoginsAndSessionsKeepWorking() {
        Tokens alice = person.loginOk("alice", "alice-directory-password", null);
        User local = api.createUser("while-down");
        corpProxy.cut();
        try {
            Reply down = person.login("alice", "alice-directory-password", null);
            assertProblem(down, 503);
            assertThat(down.json().getString("type")).endsWith(":identity-source-unavailable");
            assertThat(down.header("Retry-After")).isEqualTo("30");
            assertProblem(person.login("someone-new", "some-password", null), 503);

            assertThat(person.loginOk(local.username(), local.password(), null).access()).isNotBlank();
            assertThat(api.loginOk("admin", Deployments.adminPassword(), null).access()).isNotBlank();
            assertThat(me(alice.access()).getString("username")).isEqualTo("alice");
            // People of the other directories still sign in.
            assertThat(person.loginOk("frank", "frank-directory-password", null).access()).isNotBlank();
        } finally {
            corpProxy.restore();
        }
        assertThat(person.loginOk("alice", "alice-directory-password", null).access()).isNotBlank();
    }

    @Test
    void noDirectoryPasswordReachesTheServerLog() {
        person.loginOk("alice", "alice-directory-password", null);
        person.login("alice", "a-wrong-directory-password", null);

        String log = Deployments.serverLogText();
        assertThat(log).contains("database schema at version");
        assertThat(log).doesNotContain("alice-directory-password").doesNotContain("a-wrong-directory-password")
                .doesNotContain(TestDirectory.SERVICE_PASSWORD).doesNotContain(TestDirectory.TRUST_STORE_PASSWORD);
    }
}
