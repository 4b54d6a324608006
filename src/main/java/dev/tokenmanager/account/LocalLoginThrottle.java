package dev.tokenmanager.account;

import dev.tokenmanager.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Counts login failures in this node's memory. */
@ApplicationScoped
public class LocalLoginThrottle implements LoginThrottle {

    private static final int SWEEP_ABOVE = 10_000;

    @Inject
    Settings settings;

    private final ConcurrentMap<String, ThrottlePolicy.Counter> counters = new ConcurrentHashMap<>();
    private ThrottlePolicy perUser;
    private ThrottlePolicy perAddress;

    @PostConstruct
    void init() {
        perUser = new ThrottlePolicy(settings.loginMaxFailures(), settings.loginFailureWindow());
        perAddress = new ThrottlePolicy(settings.loginMaxFailuresPerIp(), settings.loginFailureWindow());
    }

    @Override
    public Optional<Duration> check(String username, String ip, Instant now) {
        Optional<Duration> user = perUser.blockedFor(counters.get(userKey(username, ip)), now);
        Optional<Duration> address = perAddress.blockedFor(counters.get(addressKey(ip)), now);
        if (user.isEmpty() && address.isEmpty()) {
            return Optional.empty();
        }
        recordFailure(username, ip, now);
        Duration userWait = perUser.blockedFor(counters.get(userKey(username, ip)), now).orElse(Duration.ZERO);
        Duration addressWait = perAddress.blockedFor(counters.get(addressKey(ip)), now).orElse(Duration.ZERO);
        return Optional.of(userWait.compareTo(addressWait) >= 0 ? userWait : addressWait);
    }

    @Override
    public void recordFailure(String username, String ip, Instant now) {
        sweep(now);
        counters.compute(userKey(username, ip), (key, counter) -> perUser.fail(counter, now));
        counters.compute(addressKey(ip), (key, counter) -> perAddress.fail(counter, now));
    }

    @Override
    public void recordSuccess(String username, String ip) {
        counters.remove(userKey(username, ip));
    }

    private void sweep(Instant now) {
        if (counters.size() > SWEEP_ABOVE) {
            counters.entrySet().removeIf(entry -> entry.getValue().isStale(now, settings.loginFailureWindow()
                    .multipliedBy(64)));
        }
    }

    static String userKey(String username, String ip) {
        return "user:" + username + "|" + ip;
    }

    static String addressKey(String ip) {
        return "ip:" + ip;
    }
}
