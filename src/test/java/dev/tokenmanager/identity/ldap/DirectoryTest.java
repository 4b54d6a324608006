package dev.tokenmanager.identity.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.config.ConfigReader;
import dev.tokenmanager.identity.ldap.Directory.Outcome;
import dev.tokenmanager.it.support.TcpProxy;
import dev.tokenmanager.it.support.TestDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The LDAP client against a real directory (the in-memory directory server on loopback): search, bind, TLS, groups. */
class DirectoryTest {

    private static TestDirectory server;

    @BeforeAll
    static void startDirectory() throws IOException {
        server = TestDirectory.start(Files.createTempDirectory("tm-directory-test"), ldif());
    }

    @AfterAll
    static void stopDirectory() {
        server.close();
    }

    static String ldif() throws IOException {
        try (InputStream in = DirectoryTest.class.getResourceAsStream("/directory.ldif")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Directory directory(String url, Map<String, String> more) {
        Map<String, String> values = new HashMap<>(Map.of(
                "token-manager.ldap.t.url", url,
                "token-manager.ldap.t.user-base", "ou=people," + TestDirectory.BASE,
                "token-manager.ldap.t.user-filter", "(&(objectClass=inetOrgPerson)(!(pwdAccountLockedTime=*)))",
                "token-manager.ldap.t.bind-dn", TestDirectory.SERVICE_DN,
                "token-manager.ldap.t.bind-password", TestDirectory.SERVICE_PASSWORD,
                "token-manager.ldap.t.group-map", "tm-admins=admin,staff=staff,partners=partner",
                "token-manager.ldap.t.trust-store", server.trustStore().toString(),
                "token-manager.ldap.t.trust-store-password", TestDirectory.TRUST_STORE_PASSWORD,
                "token-manager.ldap.t.connect-timeout", "PT2S"));
        values.putAll(more);
        return new Directory(DirectorySettings.read(new ConfigReader(name -> Optional.ofNullable(values.get(name))),
                "t"));
    }

    @Test
    void rightPasswordSignsInWithTheStableIdAndMappedGroupsFromMemberOf() {
        try (Directory directory = directory(server.ldapUrl(), Map.of())) {
            Outcome outcome = directory.authenticate("alice", "alice-directory-password");

            assertThat(outcome).isInstanceOf(Outcome.Authenticated.class);
            var identity = ((Outcome.Authenticated) outcome).identity();
            assertThat(identity.source()).isEqualTo("ldap:t");
            assertThat(identity.username()).isEqualTo("alice");
            assertThat(identity.externalId()).matches("[0-9a-f-]{36}");
            assertThat(identity.groups()).containsExactly("admin", "staff");
        }
    }

    @Test
    void groupSearchFindsTheGroupsThatListTheEntry() {
        try (Directory directory = directory(server.ldapUrl(), Map.of("token-manager.ldap.t.group-attribute", "-",
                "token-manager.ldap.t.group-base", "ou=groups," + TestDirectory.BASE,
                "token-manager.ldap.t.user-base", TestDirectory.BASE))) {
            var erin = (Outcome.Authenticated) directory.authenticate("erin", "erin-directory-password");
            var bob = (Outcome.Authenticated) directory.authenticate("bob", "bob-directory-password");

            assertThat(erin.identity().groups()).containsExactly("partner");
            assertThat(bob.identity().groups()).containsExactly("staff");
        }
    }

    @Test
    void wrongPasswordUnknownNameAndDisabledEntryAreRefused() {
        try (Directory directory = directory(server.ldapUrl(), Map.of())) {
            assertThat(directory.authenticate("alice", "wrong-password")).isInstanceOf(Outcome.WrongPassword.class);
            assertThat(directory.authenticate("nobody", "whatever")).isInstanceOf(Outcome.NoSuchPerson.class);
            assertThat(directory.authenticate("carol", "carol-directory-password"))
                    .isInstanceOf(Outcome.NoSuchPerson.class);
        }
    }

    @Test
    void filterInjectionInTheLoginNameMatchesNobody() {
        try (Directory directory = directory(server.ldapUrl(), Map.of())) {
            for (String login : new String[] {"*)(uid=*", "\\00", "\u0000", "admin)(|(a=*", "al*", "*",
                    "alice)(uid=*", "alice\\29", "(uid=alice)"}) {
                assertThat(directory.authenticate(login, "alice-directory-password")).as(login)
                        .isInstanceOf(Outcome.NoSuchPerson.class);
            }
        }
    }

    @Test
    void anEmptyPasswordNeverReachesABind() {
        try (Directory directory = directory(server.ldapUrl(), Map.of())) {
            int before = server.binds().size();

            assertThat(directory.authenticate("alice", "")).isInstanceOf(Outcome.WrongPassword.class);
            assertThat(directory.authenticate("alice", null)).isInstanceOf(Outcome.WrongPassword.class);

            assertThat(server.binds()).hasSize(before);
            // The recorder does see binds: a real sign-in adds the service account's and the person's.
            directory.authenticate("alice", "alice-directory-password");
            assertThat(server.binds()).hasSizeGreaterThan(before)
                    .anyMatch(bind -> bind.contains("uid=alice,ou=people"));
        }
    }

    @Test
    void ldapsAndStartTlsCheckTheCertificateAgainstTheTrustStore() {
        try (Directory ldaps = directory(server.ldapsUrl(), Map.of());
             Directory startTls = directory(server.startTlsUrl(), Map.of("token-manager.ldap.t.start-tls", "true"))) {
            assertThat(ldaps.authenticate("bob", "bob-directory-password")).isInstanceOf(Outcome.Authenticated.class);
            assertThat(startTls.authenticate("bob", "bob-directory-password"))
                    .isInstanceOf(Outcome.Authenticated.class);
        }
        // Without the trust store, the JVM's default trust does not know the directory's certificate.
        try (Directory untrusted = directory(server.ldapsUrl(), Map.of("token-manager.ldap.t.trust-store", "",
                "token-manager.ldap.t.trust-store-password", ""))) {
            assertThat(untrusted.authenticate("bob", "bob-directory-password")).isInstanceOf(Outcome.Unavailable.class);
        }
        // StartTLS refused by a listener that does not offer it.
        try (Directory plain = directory(server.ldapUrl(), Map.of("token-manager.ldap.t.start-tls", "true"))) {
            assertThat(plain.authenticate("bob", "bob-directory-password")).isInstanceOf(Outcome.Unavailable.class);
        }
    }

    @Test
    void aDirectoryThatIsDownIsUnavailableAndBackOnceItAnswers() {
        TcpProxy proxy = TcpProxy.to("127.0.0.1", server.port("ldap"));
        try (Directory directory = directory("ldap://127.0.0.1:" + proxy.port(), Map.of())) {
            assertThat(directory.authenticate("bob", "bob-directory-password")).isInstanceOf(Outcome.Authenticated.class);
            proxy.cut();
            assertThat(directory.authenticate("bob", "bob-directory-password")).isInstanceOf(Outcome.Unavailable.class);
            proxy.restore();
            assertThat(directory.authenticate("bob", "bob-directory-password")).isInstanceOf(Outcome.Authenticated.class);
        } finally {
            proxy.close();
        }
    }

    @Test
    void objectGuidIsWrittenAsActiveDirectoryShowsIt() {
        byte[] guid = {0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, (byte) 0x88, (byte) 0x99, (byte) 0xaa,
                (byte) 0xbb, (byte) 0xcc, (byte) 0xdd, (byte) 0xee, (byte) 0xff};
        assertThat(Directory.guidText(guid)).isEqualTo("00112233-4455-6677-8899-aabbccddeeff");
    }

    @Test
    void settingsNameTheirProperty() {
        Map<String, String> values = Map.of("token-manager.ldap.t.url", "http://example.org",
                "token-manager.ldap.t.user-base", "dc=x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DirectorySettings.read(
                        new ConfigReader(name -> Optional.ofNullable(values.get(name))), "t"))
                .hasMessageContaining("token-manager.ldap.t.url");
    }

}
