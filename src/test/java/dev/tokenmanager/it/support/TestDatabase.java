package dev.tokenmanager.it.support;

import dev.tokenmanager.persistence.ConfiguredDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

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

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value;
    }
}
