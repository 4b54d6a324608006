package dev.tokenmanager.session;

import java.time.Instant;

/**
 * CDI event: the node holding the pruning lease is pruning ended sessions now; what keeps other records of ended
 * sessions (the revocation feed) prunes them too, once per cluster.
 */
public record PruneDue(Instant now) {
}
