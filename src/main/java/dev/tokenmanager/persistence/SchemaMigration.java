package dev.tokenmanager.persistence;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings the schema up to date with Flyway before anything else runs at start-up. */
@ApplicationScoped
public class SchemaMigration {

    /** Start-up order: the schema first, then what reads it. */
    public static final int PRIORITY = 100;

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = DataSourceDefinitionHolder.JNDI_NAME)
    DataSource dataSource;

    void migrate(@Observes @Priority(PRIORITY) @Initialized(ApplicationScoped.class) Object event) {
        migrate(dataSource);
    }

    /** Brings the schema of {@code dataSource} up to date (also for tools that run outside a server). */
    public static void migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table("tm_schema_history")
                .load()
                .migrate();
        LOG.info("database schema at version " + (result.targetSchemaVersion != null
                ? result.targetSchemaVersion : result.initialSchemaVersion) + " (" + result.migrationsExecuted
                + " migrations applied now)");
    }
}
