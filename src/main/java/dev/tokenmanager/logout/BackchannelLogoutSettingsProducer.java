package dev.tokenmanager.logout;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads {@link BackchannelLogoutSettings} from MicroProfile Config once, when first needed. */
@ApplicationScoped
public class BackchannelLogoutSettingsProducer {

    @Produces
    @Singleton
    BackchannelLogoutSettings settings() {
        Config config = ConfigProvider.getConfig(BackchannelLogoutSettingsProducer.class.getClassLoader());
        return BackchannelLogoutSettings.read(name -> config.getOptionalValue(name, String.class));
    }
}
