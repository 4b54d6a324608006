package dev.tokenmanager.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads {@link IdentitySettings} from MicroProfile Config once, when first needed. */
@ApplicationScoped
public class IdentitySettingsProducer {

    private volatile IdentitySettings settings;

    @Produces
    public IdentitySettings settings() {
        IdentitySettings current = settings;
        if (current == null) {
            Config config = ConfigProvider.getConfig(IdentitySettingsProducer.class.getClassLoader());
            current = IdentitySettings.read(name -> config.getOptionalValue(name, String.class));
            settings = current;
        }
        return current;
    }
}
