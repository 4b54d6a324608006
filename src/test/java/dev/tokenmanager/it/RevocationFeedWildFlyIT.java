package dev.tokenmanager.it;

import dev.tokenmanager.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link RevocationFeedTests} on WildFly: token-manager and the stateless service side by side on one server; the
 * library follows the feed as a registered client with a secret.
 */
@ExtendWith(ArquillianExtension.class)
class RevocationFeedWildFlyIT extends RevocationFeedTests {

    @Deployment(name = "token-manager", order = 1, testable = false)
    static WebArchive tokenManagerWar() {
        return Deployments.tokenManager("RevocationFeedIT", TOKEN_MANAGER_SETTINGS);
    }

    @Deployment(name = "resource-server", order = 2, testable = false)
    static WebArchive resourceServerWar() {
        return resourceServerArchive(LibraryCredential.CLIENT_SECRET);
    }

    @Override
    LibraryCredential libraryCredential() {
        return LibraryCredential.CLIENT_SECRET;
    }
}
