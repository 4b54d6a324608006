package dev.tokenmanager.feed;

import dev.tokenmanager.config.ConfigReader;
import java.time.Duration;

/**
 * How the revocation feed streams.
 *
 * @param heartbeat    how often an idle stream carries a comment, so subscribers can tell a quiet feed from a dead
 *                     connection ({@code token-manager.revocation-feed.heartbeat})
 * @param pollInterval how often each node looks for revocations it was not told about (the backstop behind the
 *                     local wake-up and the data grid; {@code token-manager.revocation-feed.poll-interval})
 */
public record FeedSettings(Duration heartbeat, Duration pollInterval) {

    public FeedSettings {
        ConfigReader.requirePositive("token-manager.revocation-feed.heartbeat", heartbeat);
        ConfigReader.requirePositive("token-manager.revocation-feed.poll-interval", pollInterval);
    }

    public static FeedSettings read(ConfigReader in) {
        return new FeedSettings(in.duration("token-manager.revocation-feed.heartbeat", "PT15S"),
                in.duration("token-manager.revocation-feed.poll-interval", "PT1S"));
    }
}
