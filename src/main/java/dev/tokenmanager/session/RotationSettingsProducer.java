package dev.tokenmanager.session;

import dev.tokenmanager.config.SettingsProducer;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Reads {@link RotationSettings} from MicroProfile Config once. */
@Dependent
class RotationSettingsProducer {

    @Produces
    @Singleton
    static RotationSettings rotationSettings() {
        return RotationSettings.read(SettingsProducer.reader());
    }
}
