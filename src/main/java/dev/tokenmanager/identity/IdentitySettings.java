package dev.tokenmanager.identity;

import dev.tokenmanager.config.ConfigReader;
import dev.tokenmanager.identity.ldap.DirectorySettings;
import dev.tokenmanager.identity.oidc.ProviderSettings;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The identity sources besides the local accounts, read once at start-up: the LDAP directories (tried in the order
 * {@code token-manager.ldap.directories} lists them), the OpenID Connect providers
 * ({@code token-manager.oidc.providers}), and the address token-manager is reached at from outside.
 *
 * @param publicUrl the base URL browsers and clients reach token-manager at ({@code token-manager.public-url}); empty:
 *                  taken from each request
 */
public record IdentitySettings(List<DirectorySettings> directories, List<ProviderSettings> providers,
                               Optional<URI> publicUrl) {

    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public IdentitySettings {
        directories = List.copyOf(directories);
        providers = List.copyOf(providers);
    }

    public Optional<ProviderSettings> provider(String name) {
        return providers.stream().filter(provider -> provider.name().equals(name)).findFirst();
    }

    public static IdentitySettings read(Function<String, Optional<String>> lookup) {
        ConfigReader in = new ConfigReader(lookup);
        List<DirectorySettings> directories = names(in, "token-manager.ldap.directories").stream()
                .map(name -> DirectorySettings.read(in, name)).toList();
        List<ProviderSettings> providers = names(in, "token-manager.oidc.providers").stream()
                .map(name -> ProviderSettings.read(in, name)).toList();
        Optional<URI> publicUrl = in.optional("token-manager.public-url").map(value -> {
            URI uri;
            try {
                uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("token-manager.public-url must be an http(s) URL, not " + value, e);
            }
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("token-manager.public-url must be an http(s) URL without query or"
                        + " fragment, not " + value);
            }
            return uri;
        });
        return new IdentitySettings(directories, providers, publicUrl);
    }

    /** The names a list setting gives to directories or providers: 1-32 lower-case letters, digits or '-', unique. */
    private static List<String> names(ConfigReader in, String property) {
        List<String> names = in.list(property);
        for (String name : names) {
            if (!SOURCE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(property + " lists names of 1-32 lower-case letters, digits or '-',"
                        + " not " + name);
            }
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException(property + " names a source twice");
        }
        return names;
    }
}
