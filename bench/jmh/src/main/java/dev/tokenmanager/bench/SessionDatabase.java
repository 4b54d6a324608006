package dev.tokenmanager.bench;

import dev.tokenmanager.account.Account;
import dev.tokenmanager.crypto.RandomIds;
import dev.tokenmanager.persistence.ConfiguredDataSource;
import dev.tokenmanager.persistence.SchemaMigration;
import dev.tokenmanager.session.DeviceInfo;
import dev.tokenmanager.session.Session;
import dev.tokenmanager.session.SessionKind;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database migrated by the application's Flyway scripts and holding one account with {@link #SESSIONS} live
 * login sessions, reached through the application's persistence unit. By default an H2 file in a temporary folder
 * (the application's default database); {@code -Dbench.db.url=jdbc:postgresql://...} with {@code bench.db.user}
 * and {@code bench.db.password} runs against PostgreSQL instead, adding rows that are deleted afterwards.
 */
@State(Scope.Benchmark)
public class SessionDatabase {

    static final int SESSIONS = 10_000;

    /**
     * How long a benchmark that reads the database exercises that read before JMH's own warmup: the JIT takes
     * 10-15 s to compile EclipseLink's and H2's read path, and reads are 10-50 times slower until it has, longer
     * than the few seconds of warmup that suit everything else.
     */
    static final Duration SETTLE_TIME = Duration.ofSeconds(15);

    /** Longer than any run, so that no session expires while it is measured. */
    private static final Duration SESSION_LIFETIME = Duration.ofDays(1);

    private Path temporaryFolder;
    private EntityManagerFactory factory;
    private EntityManager threadBound;
    private String accountId;
    private String username;
    private final List<String> sessionIds = new ArrayList<>();

    @Setup(Level.Trial)
    public void open() throws IOException, SQLException {
        String url = System.getProperty("bench.db.url", "");
        String user = System.getProperty("bench.db.user", "");
        String password = System.getProperty("bench.db.password", "");
        if (url.isEmpty()) {
            temporaryFolder = Files.createTempDirectory("token-manager-bench");
            url = ConfiguredDataSource.defaultUrl(temporaryFolder);
        }
        SchemaMigration.migrate(dataSource(url, user, password));
        factory = Persistence.createEntityManagerFactory("token-manager", Map.of(
                // The unit is JTA, for a server; here there is neither a transaction manager nor JNDI. As a
                // RESOURCE_LOCAL unit given a JDBC URL, EclipseLink's own connection pool stands in for the server's.
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jdbc.driver", DriverManager.getDriver(url).getClass().getName(),
                "jakarta.persistence.jdbc.url", url,
                "jakarta.persistence.jdbc.user", user,
                "jakarta.persistence.jdbc.password", password,
                // Weaving needs an agent outside a server; the request path reads no entities anyway.
                "eclipselink.weaving", "false"));
        threadBound = threadBound(factory);
        seed();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        try {
            EntityManager em = factory.createEntityManager();
            em.getTransaction().begin();
            em.createNativeQuery("DELETE FROM tm_session WHERE account_id = ?1").setParameter(1, accountId)
                    .executeUpdate();
            em.createNativeQuery("DELETE FROM tm_account WHERE id = ?1").setParameter(1, accountId).executeUpdate();
            em.getTransaction().commit();
            em.close();
        } finally {
            factory.close();
            if (temporaryFolder != null) {
                try (Stream<Path> files = Files.walk(temporaryFolder)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    /**
     * The entity manager to inject into the application's beans. The container injects a proxy that hands each
     * transaction (or each call outside one) its own persistence context; this one hands each thread its own,
     * so that benchmarks may run on several threads.
     */
    EntityManager entityManager() {
        return threadBound;
    }

    String accountId() {
        return accountId;
    }

    String username() {
        return username;
    }

    /** The ids of the seeded sessions, all live, all of the seeded account. */
    List<String> sessionIds() {
        return sessionIds;
    }

    /** Runs {@code read} over and over for {@link #SETTLE_TIME}. */
    static void settle(Runnable read) {
        long end = System.nanoTime() + SETTLE_TIME.toNanos();
        while (System.nanoTime() - end < 0) {
            read.run();
        }
    }

    private void seed() {
        Instant now = Instant.now();
        username = "bench-" + RandomIds.newId();
        Account account = new Account(username, "not-a-password-hash", List.of("user"), now);
        accountId = account.id();
        EntityManager em = factory.createEntityManager();
        // The account first: no JPA relationship tells EclipseLink to insert it before the sessions referencing it.
        em.getTransaction().begin();
        em.persist(account);
        em.getTransaction().commit();
        em.getTransaction().begin();
        for (int i = 0; i < SESSIONS; i++) {
            Session session = new Session(RandomIds.newId(), accountId, SessionKind.LOGIN, "benchmark", now,
                    now.plus(SESSION_LIFETIME), "127.0.0.1", null, DeviceInfo.UNKNOWN);
            em.persist(session);
            sessionIds.add(session.id());
        }
        em.getTransaction().commit();
        em.close();
    }

    private static DataSource dataSource(String url, String user, String password) {
        if (url.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password);
            return h2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource postgresql = new PGSimpleDataSource();
            postgresql.setURL(url);
            postgresql.setUser(user);
            postgresql.setPassword(password);
            return postgresql;
        }
        throw new IllegalArgumentException("bench.db.url must be an H2 or PostgreSQL JDBC URL: " + url);
    }

    private static EntityManager threadBound(EntityManagerFactory factory) {
        ThreadLocal<EntityManager> perThread = ThreadLocal.withInitial(factory::createEntityManager);
        return (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(),
                new Class<?>[] {EntityManager.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(perThread.get(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
