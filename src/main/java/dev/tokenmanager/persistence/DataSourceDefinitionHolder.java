package dev.tokenmanager.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Declares the pooled data source the persistence unit uses; the server pools {@link ConfiguredDataSource}.
 *
 * <p>The properties are the pool's vendor properties, the way the annotation's contract provides for them (a server
 * ignores another's): Payara checks a pooled connection with {@code Connection.isValid} before handing it out (at
 * most every 5 seconds) and drops them all when one is dead, so the application recovers by itself when the
 * database comes back.
 */
@DataSourceDefinition(
        name = DataSourceDefinitionHolder.JNDI_NAME,
        className = "dev.tokenmanager.persistence.ConfiguredDataSource",
        minPoolSize = 2,
        maxPoolSize = 24,
        maxIdleTime = 300,
        loginTimeout = 30,
        properties = {
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=custom-validation",
            "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
            "fish.payara.validate-atmost-once-period-in-seconds=5",
            "fish.payara.fail-all-connections=true"
        })
@ApplicationScoped
public class DataSourceDefinitionHolder {

    /** Where the data source is bound; {@code persistence.xml} names it too. */
    public static final String JNDI_NAME = "java:app/jdbc/token-manager";
}
