package dev.tokenmanager.identity.oidc;

import dev.tokenmanager.config.Settings;
import dev.tokenmanager.identity.IdentitySettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The configured OpenID Connect providers, and the one verifier of their tokens. */
@ApplicationScoped
public class Providers {

    @Inject
    IdentitySettings settings;
    @Inject
    Settings serverSettings;
    @Inject
    Clock clock;

    private List<Provider> providers = List.of();
    private ProviderTokens tokens;

    @PostConstruct
    void open() {
        providers = settings.providers().stream().map(provider -> new Provider(provider, clock)).toList();
        tokens = new ProviderTokens(serverSettings.clockSkew());
    }

    public List<Provider> all() {
        return providers;
    }

    public Optional<Provider> byName(String name) {
        return providers.stream().filter(p -> p.settings().name().equals(name)).findFirst();
    }

    /** The provider whose issuer is exactly {@code issuer}. */
    public Optional<Provider> byIssuer(String issuer) {
        return providers.stream().filter(p -> p.settings().issuer().toString().equals(issuer)).findFirst();
    }

    public ProviderTokens tokens() {
        return tokens;
    }
}
