package dev.tokenmanager.it.support;

import dev.tokenmanager.persistence.ConfiguredDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The database a server under test uses, opened from the test: PostgreSQL when the run points the servers at it
 * ({@code TOKEN_MANAGER_DB_URL}), else the H2 file in the test's data folder. For H2, only while no server has the
 * file open.
 */
public record TestDatabase(String url, String user, String password) {

    public static TestDatabase of(String testName) {
        String url = System.getenv("TOKEN_MANAGER_DB_URL");
        if (url != null && !url.isBlank()) {
            return new TestDatabase(url, env("TOKEN_MANAGER_DB_USER"), env("TOKEN_MANAGER_DB_PASSWORD"));
        }
        Path dataDir = Deployments.dataDir(testName);
        return new TestDatabase(ConfiguredDataSource.defaultUrl(dataDir), "", "");
    }

    /**
     * The database of test {@code testName} for a test that opens it while its server runs: PostgreSQL is shared
     * anyway; the H2 file is opened in H2's mixed mode, which its server must use too (see
     * {@link #whileRunningSettings}).
     */
    public static TestDatabase whileRunning(String testName) {
        return isShared() ? of(testName) : new TestDatabase(mixedModeUrl(Deployments.dataDir(testName)), "", "");
    }

    /** The settings that let a test open its server's database while it runs (nothing for PostgreSQL). */
    public static Map<String, String> whileRunningSettings(String testName) {
        return isShared() ? Map.of() : Map.of("token-manager.db.url", mixedModeUrl(Deployments.dataDir(testName)));
    }

    /** The embedded H2 file of {@code dataDir} in mixed mode: several processes may open it at once. */
    public static String mixedModeUrl(Path dataDir) {
        return ConfiguredDataSource.defaultUrl(dataDir) + ";AUTO_SERVER=TRUE";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Whether the servers under test share one database (PostgreSQL) rather than each having its own H2 file. */
    public static boolean isShared() {
        return !env("TOKEN_MANAGER_DB_URL").isBlank();
    }

    /**
     * On a database the servers of all test classes share: lets go of what the servers of earlier test classes
     * left behind. They are gone (some killed on purpose), but their job leases would hold a new server's scheduled
     * jobs back until they run out, their admin sessions count against a per-user session limit, and the
     * back-channel logouts they could not deliver (their receivers are gone) would go to whatever listens on those
     * ports now.
     */
    public static void forgetServersOfEarlierTests() throws SQLException {
        if (!isShared()) {
            return;
        }
        try (Connection connection = of("shared").connect();
             ResultSet tables = connection.getMetaData().getTables(null, null, "tm_job_lease", null)) {
            if (!tables.next()) {
                return; // no server ran here yet
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE tm_job_lease SET lease_until = 0");
                statement.executeUpdate("UPDATE tm_session SET revoked_at = " + System.currentTimeMillis()
                        + " WHERE revoked_at IS NULL"
                        + " AND account_id = (SELECT id FROM tm_account WHERE username = 'admin')");
                statement.executeUpdate("UPDATE tm_backchannel_logout SET state = 'ABANDONED', finished_at = "
                        + System.currentTimeMillis() + " WHERE state = 'PENDING'");
            }
        }
    }

    /**
     * A fault inside the database until closed: every revocation of a session of {@code username} fails (a check
     * constraint refuses the row), so an action that revokes them fails halfway unless it is one transaction.
     */
    public AutoCloseable refusingRevocationsOf(String username) throws SQLException {
        String accountId;
        try (Connection connection = connect();
             var select = connection.prepareStatement("SELECT id FROM tm_account WHERE username = ?")) {
            select.setString(1, username);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalArgumentException("no account " + username);
                }
                accountId = row.getString(1);
            }
        }
        String constraint = "it_refuse_revocations_" + accountId.replace("-", "_");
        execute("ALTER TABLE tm_session ADD CONSTRAINT " + constraint
                + " CHECK (revoked_at IS NULL OR account_id <> '" + accountId + "')");
        return () -> execute("ALTER TABLE tm_session DROP CONSTRAINT " + constraint);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value;
    }
}
