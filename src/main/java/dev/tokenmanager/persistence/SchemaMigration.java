package dev.tokenmanager.persistence;

import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings the schema up to date with Flyway, before anything else that needs the database runs at start-up. */
public final class SchemaMigration {

    /** Start-up order: the schema first, then what reads it. */
    public static final int PRIORITY = 100;

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    private SchemaMigration() {
    }

    /** Brings the schema of {@code dataSource} up to date (the server's start-up, and tools outside a server). */
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
