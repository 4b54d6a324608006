package dev.tokenmanager.persistence;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The application's JDBC connections, from {@code token-manager.db.url}, {@code .user} and {@code .password}
 * (environment {@code TOKEN_MANAGER_DB_URL} and so on); without a URL, an H2 file in the data folder.
 *
 * <p>The server pools it (see {@link DataSourceDefinitionHolder}); it picks the JDBC driver that accepts the URL,
 * so the same WAR runs on H2 and PostgreSQL without naming a driver class anywhere.
 */
public class ConfiguredDataSource implements DataSource {

    /** Options for the embedded default: commits reach the file at once, so a crash loses nothing committed. */
    static final String H2_OPTIONS = ";WRITE_DELAY=0";

    private volatile Target target;
    private int loginTimeout;

    /** The URL used when {@code token-manager.db.url} is not set: an H2 file under {@code dataDir}. */
    public static String defaultUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("token-manager") + H2_OPTIONS;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Target current = target();
        return current.connect(current.user(), current.password());
    }

    /**
     * With a user name, connects as that user; without one, with the configured credentials. Some pools always
     * call this method, with a null user when the data source definition names none (IronJacamar on WildFly).
     */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Target current = target();
        if (username == null || username.isEmpty()) {
            return current.connect(current.user(), current.password());
        }
        return current.connect(username, password);
    }

    private Target target() throws SQLException {
        Target current = target;
        if (current == null) {
            current = Target.fromConfig(ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader()));
            target = current;
        }
        return current;
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Connections log through their drivers' own loggers.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    private record Target(String url, String user, String password, Driver driver) {

        static Target fromConfig(Config config) throws SQLException {
            String url = config.getOptionalValue("token-manager.db.url", String.class)
                    .map(String::trim).filter(value -> !value.isEmpty())
                    .orElseGet(() -> defaultUrl(Path.of(config.getOptionalValue("token-manager.data-dir", String.class)
                            .orElse("data"))));
            String user = config.getOptionalValue("token-manager.db.user", String.class).orElse("");
            String password = config.getOptionalValue("token-manager.db.password", String.class).orElse("");
            return new Target(url, user, password, driverFor(url));
        }

        private static Driver driverFor(String url) throws SQLException {
            for (Driver driver : ServiceLoader.load(Driver.class, ConfiguredDataSource.class.getClassLoader())) {
                if (driver.acceptsURL(url)) {
                    return driver;
                }
            }
            throw new SQLException("no JDBC driver in the application accepts the configured database URL"
                    + " (token-manager.db.url); H2 and PostgreSQL are included");
        }

        Connection connect(String user, String password) throws SQLException {
            return SelfHealingConnection.open(() -> connectOnce(user, password));
        }

        private Connection connectOnce(String user, String password) throws SQLException {
            Properties properties = new Properties();
            if (user != null && !user.isEmpty()) {
                properties.setProperty("user", user);
            }
            if (password != null && !password.isEmpty()) {
                properties.setProperty("password", password);
            }
            Connection connection = driver.connect(url, properties);
            if (connection == null) {
                throw new SQLException("the JDBC driver refused the configured database URL");
            }
            return connection;
        }

        @Override
        public String toString() {
            return "Target[driver=" + driver.getClass().getName() + "]";
        }
    }
}
