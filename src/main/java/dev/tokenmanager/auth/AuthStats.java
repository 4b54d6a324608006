package dev.tokenmanager.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts authentications by outcome and the session lookups they caused, since start-up on this node. */
@ApplicationScoped
public class AuthStats {

    private final Map<AuthOutcome, LongAdder> outcomes = new EnumMap<>(AuthOutcome.class);
    private final LongAdder sessionLookups = new LongAdder();
    private final LongAdder validationNanos = new LongAdder();

    public AuthStats() {
        for (AuthOutcome outcome : AuthOutcome.values()) {
            outcomes.put(outcome, new LongAdder());
        }
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
