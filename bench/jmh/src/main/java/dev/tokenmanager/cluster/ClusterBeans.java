package dev.tokenmanager.cluster;

/** The cluster bean, wired by hand as CDI would: for benchmarks that run outside a server. */
public final class ClusterBeans {

    private ClusterBeans() {
    }

    /** A {@link Cluster} after its {@code @PostConstruct}: outside a server, with no JNDI, it works alone. */
    public static Cluster standalone() {
        Cluster cluster = new Cluster();
        cluster.connect();
        if (cluster.isClustered()) {
            throw new IllegalStateException("expected no data grid outside a server");
        }
        return cluster;
    }
}
