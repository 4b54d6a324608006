package dev.tokenmanager.bench;

import dev.tokenmanager.config.Settings;
import java.util.Map;
import java.util.Optional;

/** The application's settings for a benchmark: its defaults, with the few a variant changes. */
final class BenchSettings {

    private BenchSettings() {
    }

    static Settings defaults() {
        return with(Map.of());
    }

    /**
     * The defaults as a deployment without configuration gets them, with {@code overrides} (property name to raw
     * value): read through {@link Settings#read}, so they cannot drift from the application's.
     */
    static Settings with(Map<String, String> overrides) {
        return Settings.read(name -> Optional.ofNullable(overrides.get(name)));
    }
}
