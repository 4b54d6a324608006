package dev.tokenmanager.feed;

import dev.tokenmanager.config.SettingsProducer;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Reads {@link FeedSettings} from MicroProfile Config once. */
@Dependent
class FeedSettingsProducer {

    @Produces
    @Singleton
    static FeedSettings feedSettings() {
        return FeedSettings.read(SettingsProducer.reader());
    }
}
