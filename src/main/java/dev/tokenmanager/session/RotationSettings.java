package dev.tokenmanager.session;

import dev.tokenmanager.config.ConfigReader;
import java.time.Duration;

/**
 * How refresh-token rotation treats a retry.
 *
 * @param retryGrace how long after a refresh token was rotated a retry with it still answers a working pair, as long
 *                   as its successor has not been used ({@code token-manager.refresh-retry-grace}); zero turns
 *                   retries off
 */
public record RotationSettings(Duration retryGrace) {

    public RotationSettings {
        if (retryGrace.isNegative()) {
            throw new IllegalArgumentException("token-manager.refresh-retry-grace must not be negative (PT0S turns"
                    + " retries off)");
        }
    }

    public static RotationSettings read(ConfigReader in) {
        return new RotationSettings(in.duration("token-manager.refresh-retry-grace", "PT1M"));
    }
}
