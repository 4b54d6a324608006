package dev.tokenmanager.bench.signin;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * Sign-in latency through an LDAP directory and an OpenID Connect provider, as a client sees it: starts the UnboundID
 * in-memory directory and mock-oauth2-server on loopback, token-manager on Payara Micro configured for both (H2),
 * then times, one request after the other, each kind of sign-in and prints a table (milliseconds).
 *
 * <p>Usage: {@code SignInLatency <token-manager.war> <payara-micro.jar> <preboot.asadmin> [rounds]}
 */
public final class SignInLatency {

    private static final String CLIENT_ID = "bench-client";
    private static final String APP = "https://app.example.test/signed-in";
    private static final String ADMIN_PASSWORD = "bench-admin-password-1";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private SignInLatency() {
    }

    public static void main(String[] args) throws Exception {
        Path war = Path.of(args[0]);
        Path payara = Path.of(args[1]);
        Path preboot = Path.of(args[2]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 30;

        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=org");
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getByName("127.0.0.1"),
                0, null));
        InMemoryDirectoryServer directory = new InMemoryDirectoryServer(config);
        directory.add(new Entry("dn: dc=example,dc=org", "objectClass: domain", "dc: example"));
        directory.add(new Entry("dn: ou=people,dc=example,dc=org", "objectClass: organizationalUnit", "ou: people"));
        directory.add(new Entry("dn: uid=ben,ou=people,dc=example,dc=org", "objectClass: person",
                "objectClass: inetOrgPerson",
                "uid: ben", "cn: Ben", "sn: Bench", "userPassword: ben-directory-password",
                "memberOf: cn=staff,ou=groups,dc=example,dc=org"));
        directory.add(new Entry("dn: cn=reader,dc=example,dc=org", "objectClass: person", "cn: reader", "sn: reader",
                "userPassword: reader-password"));
        directory.startListening();

        MockOAuth2Server provider = new MockOAuth2Server();
        provider.start(InetAddress.getByName("127.0.0.1"), freePort());
        String issuer = provider.issuerUrl("corp").toString();

        int port = freePort();
        Path data = Files.createTempDirectory("tm-bench-signin");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("TOKEN_MANAGER_DATA_DIR", data.toString());
        env.put("TOKEN_MANAGER_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("TOKEN_MANAGER_LOGIN_MAX_FAILURES", "1000");
        env.put("TOKEN_MANAGER_LDAP_DIRECTORIES", "corp");
        env.put("TOKEN_MANAGER_LDAP_CORP_URL", "ldap://127.0.0.1:" + directory.getListenPort());
        env.put("TOKEN_MANAGER_LDAP_CORP_BIND_DN", "cn=reader,dc=example,dc=org");
        env.put("TOKEN_MANAGER_LDAP_CORP_BIND_PASSWORD", "reader-password");
        env.put("TOKEN_MANAGER_LDAP_CORP_USER_BASE", "ou=people,dc=example,dc=org");
        env.put("TOKEN_MANAGER_LDAP_CORP_GROUP_MAP", "staff=staff");
        env.put("TOKEN_MANAGER_OIDC_PROVIDERS", "corp");
        env.put("TOKEN_MANAGER_OIDC_CORP_ISSUER", issuer);
        env.put("TOKEN_MANAGER_OIDC_CORP_CLIENT_ID", CLIENT_ID);
        env.put("TOKEN_MANAGER_OIDC_CORP_CLIENT_SECRET", "bench-client-secret");
        env.put("TOKEN_MANAGER_OIDC_CORP_REDIRECT_URIS", APP);
        env.put("TOKEN_MANAGER_OIDC_CORP_GROUP_MAP", "staff=staff");
        ProcessBuilder server = new ProcessBuilder("java", "-Xmx1g", "-jar", payara.toString(), "--deploy",
                war.toString(), "--contextroot", "/", "--port", Integer.toString(port), "--nohazelcast",
                "--prebootcommandfile", preboot.toString(), "--logtofile", data.resolve("server.log").toString());
        server.environment().putAll(env);
        server.redirectErrorStream(true).redirectOutput(data.resolve("console.log").toFile());
        Process payaraProcess = server.start();
        String base = "http://127.0.0.1:" + port;
        try {
            waitUntilReady(base);
            String admin = field(post(base + "/api/auth/login", "application/json",
                    "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}").body(), "access_token");
            send(HttpRequest.newBuilder(URI.create(base + "/api/admin/users"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"lena\",\"password\":"
                            + "\"lena-local-password\",\"groups\":[\"staff\"]}")).build());

            Map<String, LongSupplier> kinds = new LinkedHashMap<>();
            kinds.put("password login, local account (PBKDF2, the baseline)", () -> time(() -> ok(post(base
                    + "/api/auth/login", "application/json",
                    "{\"username\":\"lena\",\"password\":\"lena-local-password\"}"))));
            kinds.put("password login through LDAP (search + bind + groups)", () -> time(() -> ok(post(base
                    + "/api/auth/login", "application/json",
                    "{\"username\":\"ben\",\"password\":\"ben-directory-password\"}"))));
            kinds.put("token exchange of an ID token (RFC 8693)", () -> {
                String idToken = provider.issueToken("corp", "test", new DefaultOAuth2TokenCallback("corp",
                        "sub-olga", "JWT", List.of(CLIENT_ID), Map.of("preferred_username", "olga",
                        "groups", List.of("staff")), 3600)).serialize();
                return time(() -> ok(post(base + "/api/auth/token", "application/x-www-form-urlencoded",
                        form(Map.of("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                                "subject_token", idToken,
                                "subject_token_type", "urn:ietf:params:oauth:token-type:id_token")))));
            });
            Map<String, List<Long>> browserParts = new LinkedHashMap<>();
            kinds.put("browser sign-in, token-manager's side (authorize + callback + code redemption)", () -> {
                provider.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "sub-bea", "JWT", null,
                        Map.of("preferred_username", "bea", "groups", List.of("staff")), 3600));
                long start = System.nanoTime();
                URI atProvider = location(get(URI.create(base + "/api/auth/oidc/corp/authorize?redirect_uri="
                        + enc(APP) + "&state=s")));
                long authorize = System.nanoTime() - start;
                URI callback = location(get(atProvider));
                start = System.nanoTime();
                URI back = location(get(callback));
                long callbackTime = System.nanoTime() - start;
                String code = query(back).get("code");
                start = System.nanoTime();
                ok(post(base + "/api/auth/token", "application/x-www-form-urlencoded",
                        form(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", APP))));
                long redeem = System.nanoTime() - start;
                browserParts.computeIfAbsent("  authorize (to the provider)", k -> new ArrayList<>()).add(authorize);
                browserParts.computeIfAbsent("  callback (code redeemed at the provider, ID token verified)",
                        k -> new ArrayList<>()).add(callbackTime);
                browserParts.computeIfAbsent("  one-time code at /api/auth/token", k -> new ArrayList<>()).add(redeem);
                return authorize + callbackTime + redeem;
            });

            Map<String, List<Long>> results = new LinkedHashMap<>();
            for (Map.Entry<String, LongSupplier> kind : kinds.entrySet()) {
                for (int i = 0; i < 5; i++) {
                    kind.getValue().getAsLong(); // warm-up
                }
                browserParts.clear();
                List<Long> times = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    times.add(kind.getValue().getAsLong());
                }
                results.put(kind.getKey(), times);
            }
            results.putAll(browserParts);
            System.out.println();
            System.out.println("| sign-in (" + rounds + " in a row, after 5 warm-up) | p50 ms | p90 ms | max ms |");
            System.out.println("|---|---|---|---|");
            results.forEach((name, times) -> System.out.printf("| %s | %.1f | %.1f | %.1f |%n", name,
                    percentile(times, 50), percentile(times, 90), percentile(times, 100)));
        } finally {
            payaraProcess.destroy();
            payaraProcess.waitFor();
            provider.shutdown();
            directory.shutDown(true);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static long time(Call call) {
        long start = System.nanoTime();
        try {
            call.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return System.nanoTime() - start;
    }

    private static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static void waitUntilReady(String base) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get(URI.create(base + "/health/ready")).statusCode() == 200) {
                    return;
                }
            } catch (IllegalStateException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("token-manager did not start; see its log");
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    private static HttpResponse<String> post(String uri, String type, String body) {
        return send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI location(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 3) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

}
