package dev.tokenmanager.account;

import dev.tokenmanager.cluster.Cluster;
import dev.tokenmanager.cluster.SharedStore;
import dev.tokenmanager.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts login failures in a store the cluster shares (this node's memory when there is no data grid), so that
 * an attacker gains nothing by spreading guesses over the nodes.
 */
@ApplicationScoped
public class SharedLoginThrottle implements LoginThrottle {

    @Inject
    Settings settings;
    @Inject
    Cluster cluster;

    private ThrottlePolicy perUser;
    private ThrottlePolicy perAddress;
    private SharedStore counters;

    @PostConstruct
    void init() {
        perUser = new ThrottlePolicy(settings.loginMaxFailures(), settings.loginFailureWindow());
        perAddress = new ThrottlePolicy(settings.loginMaxFailuresPerIp(), settings.loginFailureWindow());
        // A block lasts at most 64 windows; nothing older is worth keeping.
        counters = cluster.store("login-throttle", settings.loginFailureWindow().multipliedBy(64));
    }

    @Override
    public Optional<Duration> check(String username, String ip, Instant now) {
        String user = userKey(username, ip);
        String address = addressKey(ip);
        boolean userBlocked = blocked(perUser, user, now).isPresent();
        boolean addressBlocked = blocked(perAddress, address, now).isPresent();
        if (!userBlocked && !addressBlocked) {
            return Optional.empty();
        }
        // An attempt while blocked lengthens only the blocks in force (and adds no new keys to the store).
        if (userBlocked) {
            fail(perUser, user, now);
        }
        if (addressBlocked) {
            fail(perAddress, address, now);
        }
        Duration userWait = blocked(perUser, user, now).orElse(Duration.ZERO);
        Duration addressWait = blocked(perAddress, address, now).orElse(Duration.ZERO);
        return Optional.of(userWait.compareTo(addressWait) >= 0 ? userWait : addressWait);
    }

    private Optional<Duration> blocked(ThrottlePolicy policy, String key, Instant now) {
        return policy.blockedFor(ThrottlePolicy.Counter.decode(counters.get(key)), now);
    }

    @Override
    public void recordFailure(String username, String ip, Instant now) {
        fail(perUser, userKey(username, ip), now);
        fail(perAddress, addressKey(ip), now);
    }

    private void fail(ThrottlePolicy policy, String key, Instant now) {
        counters.update(key, old -> policy.fail(ThrottlePolicy.Counter.decode(old), now).encode());
    }

    @Override
    public void recordSuccess(String username, String ip) {
        counters.remove(userKey(username, ip));
    }

    static String userKey(String username, String ip) {
        return "user:" + username + "|" + ip;
    }

    static String addressKey(String ip) {
        return "ip:" + ip;
    }
}
