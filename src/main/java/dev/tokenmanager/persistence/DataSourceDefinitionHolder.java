package dev.tokenmanager.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/** Declares the pooled data source the persistence unit uses; the server pools {@link ConfiguredDataSource}. */
@DataSourceDefinition(
        name = DataSourceDefinitionHolder.JNDI_NAME,
        className = "dev.tokenmanager.persistence.ConfiguredDataSource",
        minPoolSize = 2,
        maxPoolSize = 24,
        maxIdleTime = 300)
@ApplicationScoped
public class DataSourceDefinitionHolder {

    /** Where the data source is bound; {@code persistence.xml} names it too. */
    public static final String JNDI_NAME = "java:app/jdbc/token-manager";
}
