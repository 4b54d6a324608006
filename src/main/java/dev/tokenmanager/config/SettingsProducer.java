package dev.tokenmanager.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads {@link Settings} from MicroProfile Config once, when first needed. */
@ApplicationScoped
public class SettingsProducer {

    private volatile Settings settings;

    @Produces
    public Settings settings() {
        Settings current = settings;
        if (current == null) {
            current = Settings.read(reader().lookup());
            settings = current;
        }
        return current;
    }

    /** The application's MicroProfile Config, as every settings record of the application reads it. */
    public static ConfigReader reader() {
        Config config = ConfigProvider.getConfig(SettingsProducer.class.getClassLoader());
        return new ConfigReader(name -> config.getOptionalValue(name, String.class));
    }
}
