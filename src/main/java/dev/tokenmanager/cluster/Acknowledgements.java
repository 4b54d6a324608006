package dev.tokenmanager.cluster;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** The nodes whose acknowledgement of one published event is still awaited. */
final class Acknowledgements {

    private static final Logger LOG = Logger.getLogger(Acknowledgements.class.getName());

    /** The longest a publisher waits for the other nodes' acknowledgements. */
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    private final CountDownLatch done = new CountDownLatch(1);

    Acknowledgements(Set<String> nodes) {
        missing.addAll(nodes);
        if (nodes.isEmpty()) {
            done.countDown();
        }
    }

    /** {@code node} acknowledged, or is not waited for any longer (it left the cluster). */
    void received(String node) {
        if (missing.remove(node) && missing.isEmpty()) {
            done.countDown();
        }
    }

    /**
     * Waits at most {@link #TIMEOUT} for the nodes still among {@code members} (a node lost between reading the
     * membership and registering this wait is not waited for); false, and logged, when some did not acknowledge.
     */
    boolean settle(Set<String> members) throws InterruptedException {
        missing.stream().filter(node -> !members.contains(node)).toList().forEach(this::received);
        if (done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        LOG.warning("nodes " + Set.copyOf(missing) + " did not acknowledge a cluster event within "
                + TIMEOUT.toMillis() + " ms; their session caches catch up within their TTL");
        return false;
    }
}
