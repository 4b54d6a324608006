package dev.tokenmanager.identity.oidc;

import java.net.URI;

/** What a provider's discovery document (OpenID Connect Discovery 1.0) says that a sign-in needs. */
public record ProviderMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri) {
}
