package dev.tokenmanager.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, since start-up on this node: authentications by outcome, the session lookups they caused and the database
 * reads behind them, validation time, logins, refreshes and refresh-token reuse.
 */
@ApplicationScoped
public class AuthStats {

    /** How a login or refresh ended, as counted. */
    public enum Grant { OK, FAILED, THROTTLED, REFUSED }

    private final Map<AuthOutcome, LongAdder> outcomes = new EnumMap<>(AuthOutcome.class);
    private final Map<Grant, LongAdder> logins = new EnumMap<>(Grant.class);
    private final Map<Grant, LongAdder> refreshes = new EnumMap<>(Grant.class);
    private final LongAdder sessionLookups = new LongAdder();
    private final LongAdder databaseReads = new LongAdder();
    private final LongAdder reuseDetections = new LongAdder();
    private final LongAdder lastSeenWrites = new LongAdder();
    private final LongAdder validationNanos = new LongAdder();

    public AuthStats() {
        for (AuthOutcome outcome : AuthOutcome.values()) {
            outcomes.put(outcome, new LongAdder());
        }
        for (Grant grant : Grant.values()) {
            logins.put(grant, new LongAdder());
            refreshes.put(grant, new LongAdder());
        }
    }

    public void recordLogin(Grant result) {
        logins.get(result).increment();
    }

    public void recordRefresh(Grant result) {
        refreshes.get(result).increment();
    }

    public void recordReuseDetection() {
        reuseDetections.increment();
    }

    public void recordLastSeenWrites(int rows) {
        lastSeenWrites.add(rows);
    }

    /** Rows whose last-seen time was written. */
    public long lastSeenWrites() {
        return lastSeenWrites.sum();
    }

    public void recordDatabaseRead() {
        databaseReads.increment();
    }

    public long logins(Grant result) {
        return logins.get(result).sum();
    }

    public long refreshes(Grant result) {
        return refreshes.get(result).sum();
    }

    public long reuseDetections() {
        return reuseDetections.sum();
    }

    /** Session lookups that had to read the database (the others were answered by the session cache). */
    public long databaseReads() {
        return databaseReads.sum();
    }

    public void record(AuthOutcome outcome, long nanos) {
        outcomes.get(outcome).increment();
        validationNanos.add(nanos);
    }

    public void recordSessionLookup() {
        sessionLookups.increment();
    }

    public long count(AuthOutcome outcome) {
        return outcomes.get(outcome).sum();
    }

    public long sessionLookups() {
        return sessionLookups.sum();
    }

    /** Total time spent validating presented credentials, in nanoseconds. */
    public long validationNanos() {
        return validationNanos.sum();
    }
}
