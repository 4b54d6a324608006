package dev.tokenmanager.health;

import dev.tokenmanager.account.FirstStartAdmin;
import dev.tokenmanager.keys.SigningKeys;
import dev.tokenmanager.persistence.DataSourceDefinitionHolder;
import dev.tokenmanager.persistence.DatabaseFailures;
import dev.tokenmanager.persistence.SchemaMigration;
import dev.tokenmanager.persistence.StartupComplete;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The start-up work that needs the database, in order: migrate the schema, load (or make) the signing keys, create
 * the first administrator. When the database does not answer, the server still starts, not ready ({@code 503}
 * from the API, readiness down), and tries again every few seconds until it can: nothing is half-done, and no
 * restart is needed once the database is there. Any other failure stops the deployment with its reason.
 */
@ApplicationScoped
public class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class.getName());
    private static final long RETRY_SECONDS = 2;

    @Resource(lookup = DataSourceDefinitionHolder.JNDI_NAME)
    DataSource dataSource;
    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    SigningKeys keys;
    @Inject
    FirstStartAdmin firstAdmin;
    @Inject
    Event<StartupComplete> complete;

    private volatile boolean ready;
    private int stepsDone;
    private ScheduledFuture<?> retrying;

    void begin(@Observes @Priority(SchemaMigration.PRIORITY) @Initialized(ApplicationScoped.class) Object event) {
        if (!attempt()) {
            LOG.warning("the database does not answer: starting without it, not ready; trying again every "
                    + RETRY_SECONDS + " s");
            retrying = scheduler.scheduleWithFixedDelay(this::retry, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Whether the start-up work is done: until then the API answers 503. */
    public boolean isReady() {
        return ready;
    }

    /** Runs the steps not done yet; false when the database did not answer (the rest is tried again later). */
    private synchronized boolean attempt() {
        try {
            if (stepsDone < 1) {
                SchemaMigration.migrate(dataSource);
                stepsDone = 1;
            }
            if (stepsDone < 2) {
                keys.initialize();
                stepsDone = 2;
            }
            if (stepsDone < 3) {
                firstAdmin.createAdmin();
                stepsDone = 3;
            }
            complete.fire(new StartupComplete());
            ready = true;
            return true;
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isDatabaseUnavailable(e)) {
                throw e;
            }
            return false;
        }
    }

    private void retry() {
        try {
            if (attempt()) {
                retrying.cancel(false);
                LOG.info("the database answers: start-up completed, ready");
            }
        } catch (RuntimeException e) {
            retrying.cancel(false);
            LOG.log(Level.SEVERE, "start-up failed once the database answered; this node stays not ready", e);
        }
    }

    @PreDestroy
    void stop() {
        if (retrying != null) {
            retrying.cancel(false);
        }
    }
}
