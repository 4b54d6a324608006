package dev.tokenmanager.it.support;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.cert.ManageCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * A real LDAP directory for the tests: the UnboundID in-memory directory server on loopback, with three listeners
 * (plain LDAP, LDAPS, and LDAP offering StartTLS), a certificate generated for 127.0.0.1 and a PKCS12 trust store
 * holding it, written for the server under test. It records the binds it receives. The entries carry fixed
 * entryUUIDs, so that accounts a server made from them in an earlier run (its data folder, a shared database) are
 * still theirs.
 */
public final class TestDirectory implements AutoCloseable {

    public static final String BASE = "dc=example,dc=org";
    public static final String SERVICE_DN = "cn=token-manager,ou=services," + BASE;
    public static final String SERVICE_PASSWORD = "service-account-password-7";
    public static final String TRUST_STORE_PASSWORD = "trust-store-password";

    private final InMemoryDirectoryServer server;
    private final Path trustStore;
    private final List<String> binds;

    private TestDirectory(InMemoryDirectoryServer server, Path trustStore, List<String> binds) {
        this.server = server;
        this.trustStore = trustStore;
        this.binds = binds;
    }

    /** Starts a directory holding {@code ldif} (entries separated by blank lines), its files under {@code dir}. */
    public static TestDirectory start(Path dir, String ldif) {
        try {
            Files.createDirectories(dir);
            Path keyStore = dir.resolve("directory-keystore.p12");
            Path trustStore = dir.resolve("directory-truststore.p12");
            Files.deleteIfExists(keyStore);
            generateCertificate(keyStore);
            writeTrustStore(keyStore, trustStore);

            SSLUtil serverSsl = new SSLUtil(new KeyStoreKeyManager(keyStore.toFile(),
                    TRUST_STORE_PASSWORD.toCharArray(), "PKCS12", "server-cert"), new TrustAllTrustManager());
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
            config.setSchema(null); // memberOf and pwdAccountLockedTime as plain attributes
            config.setListenerConfigs(
                    InMemoryListenerConfig.createLDAPConfig("ldap", loopback, 0, null),
                    InMemoryListenerConfig.createLDAPSConfig("ldaps", loopback, 0,
                            serverSsl.createSSLServerSocketFactory(), null),
                    InMemoryListenerConfig.createLDAPConfig("starttls", loopback, 0,
                            serverSsl.createSSLSocketFactory()));
            List<String> binds = new CopyOnWriteArrayList<>();
            config.setAccessLogHandler(bindRecorder(binds));
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            server.importFromLDIF(true, new com.unboundid.ldif.LDIFReader(new java.io.ByteArrayInputStream(
                    ldif.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            server.startListening();
            return new TestDirectory(server, trustStore, binds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LDAPException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot start the test directory", e);
        }
    }

    private static Handler bindRecorder(List<String> binds) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage();
                if (message != null && message.contains("BIND REQUEST")) {
                    binds.add(message);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    /** The bind requests the directory received so far (access-log lines: DN and authentication type). */
    public List<String> binds() {
        return List.copyOf(binds);
    }

    public int port(String listener) {
        return server.getListenPort(listener);
    }

    public String ldapUrl() {
        return "ldap://127.0.0.1:" + port("ldap");
    }

    public String ldapsUrl() {
        return "ldaps://127.0.0.1:" + port("ldaps");
    }

    public String startTlsUrl() {
        return "ldap://127.0.0.1:" + port("starttls");
    }

    public Path trustStore() {
        return trustStore;
    }

    /** Replaces attribute {@code attribute} of entry {@code dn} with {@code values} (none: removes it). */
    public void replace(String dn, String attribute, String... values) {
        try {
            server.modify(dn, new Modification(ModificationType.REPLACE, attribute, values));
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Renames entry {@code dn} to {@code newRdn} (the entry keeps its entryUUID). */
    public void rename(String dn, String newRdn) {
        try {
            if (server.modifyDN(dn, newRdn, true).getResultCode() != ResultCode.SUCCESS) {
                throw new IllegalStateException("rename failed");
            }
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    private static void generateCertificate(Path keyStore) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ResultCode result = ManageCertificates.main(InputStream.nullInputStream(), output, output,
                "generate-self-signed-certificate", "--keystore", keyStore.toString(),
                "--keystore-password", TRUST_STORE_PASSWORD, "--keystore-type", "PKCS12", "--alias", "server-cert",
                "--subject-dn", "CN=127.0.0.1,O=token-manager tests", "--days-valid", "2",
                "--key-algorithm", "RSA", "--key-size-bits", "2048", "--signature-algorithm", "SHA256withRSA",
                "--subject-alternative-name-ip-address", "127.0.0.1", "--subject-alternative-name-dns", "localhost",
                "--extended-key-usage", "server-auth");
        if (result != ResultCode.SUCCESS) {
            throw new IllegalStateException("cannot generate the directory's certificate: " + output);
        }
    }

    private static void writeTrustStore(Path keyStore, Path trustStore) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, TRUST_STORE_PASSWORD.toCharArray());
        }
        Certificate certificate = keys.getCertificate("server-cert");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("test-directory", certificate);
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
    }
}
