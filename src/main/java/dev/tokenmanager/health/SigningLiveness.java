package dev.tokenmanager.health;

import dev.tokenmanager.keys.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while this node can sign tokens: a node without a signing key must be restarted, not waited for. A node
 * still waiting for its database to load the keys is alive (a restart would not help; readiness says it waits).
 */
@Liveness
@ApplicationScoped
public class SigningLiveness implements HealthCheck {

    @Inject
    SigningKeys keys;
    @Inject
    Startup startup;

    @Override
    public HealthCheckResponse call() {
        if (!startup.isReady()) {
            return HealthCheckResponse.named("signing-key").up().withData("state", "starting").build();
        }
        try {
            return HealthCheckResponse.named("signing-key").up().withData("kid", keys.current().kid()).build();
        } catch (IllegalStateException e) {
            return HealthCheckResponse.down("signing-key");
        }
    }
}
