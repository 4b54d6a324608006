package dev.tokenmanager.persistence;

import javax.sql.DataSource;

/** The schema migration bean, wired by hand as CDI would: for benchmarks that run outside a server. */
public final class PersistenceBeans {

    private PersistenceBeans() {
    }

    /** Brings the schema of {@code dataSource} up to date exactly as the application does at start-up. */
    public static void migrate(DataSource dataSource) {
        SchemaMigration migration = new SchemaMigration();
        migration.dataSource = dataSource;
        migration.migrate(null);
    }
}
