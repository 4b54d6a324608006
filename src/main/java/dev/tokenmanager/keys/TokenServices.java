package dev.tokenmanager.keys;

import dev.tokenmanager.config.Settings;
import dev.tokenmanager.jwt.TokenIssuer;
import dev.tokenmanager.jwt.TokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Set;

/** Produces the one {@link TokenVerifier} and {@link TokenIssuer}, wired to the loaded signing keys. */
@ApplicationScoped
public class TokenServices {

    @Produces
    @Singleton
    TokenVerifier verifier(Settings settings, SigningKeys keys) {
        // Each key verifies only its own algorithm, so tokens of a key retired after a change of algorithm
        // stay valid until they expire, and no token can pick an algorithm its key was not made for.
        return new TokenVerifier(settings.issuer(), settings.clockSkew(), Set.copyOf(Settings.ALGORITHMS),
                keys::find);
    }

    @Produces
    @Singleton
    TokenIssuer issuer(Settings settings) {
        return new TokenIssuer(settings.issuer(), settings.audience());
    }
}
