package dev.tokenmanager.health;

import dev.tokenmanager.persistence.DataSourceDefinitionHolder;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the database answers: without it no session can be checked. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 2;

    @Resource(lookup = DataSourceDefinitionHolder.JNDI_NAME)
    DataSource dataSource;
    @Inject
    Startup startup;

    /**
     * Creates this bean at start-up, while the application's naming context is there to inject the data source:
     * WildFly calls health checks on a management thread, where a first {@code java:app} lookup fails.
     */
    void startUp(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // Nothing else to do: observing the event is what creates the instance now.
    }

    @Override
    public HealthCheckResponse call() {
        if (!startup.isReady()) {
            return HealthCheckResponse.named("database").down()
                    .withData("error", "starting: waiting for the database").build();
        }
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.execute("SELECT 1 FROM tm_account WHERE 1 = 0");
            return HealthCheckResponse.up("database");
        } catch (SQLException | RuntimeException e) {
            return HealthCheckResponse.named("database").down()
                    .withData("error", "the database does not answer").build();
        }
    }
}
