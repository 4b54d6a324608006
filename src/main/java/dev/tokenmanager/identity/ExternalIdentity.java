package dev.tokenmanager.identity;

import java.util.List;

/**
 * A person as a directory or provider vouched for them at a sign-in: the source, the stable id it knows them by,
 * the name it gives them (their username here) and the token-manager groups its groups map to.
 */
public record ExternalIdentity(String source, String externalId, String username, List<String> groups) {

    public ExternalIdentity {
        groups = List.copyOf(groups);
    }
}
