package dev.tokenmanager.it;

import dev.tokenmanager.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link RevocationFeedTests} on Payara Micro: token-manager and the stateless service in two processes; the library
 * follows the feed with a named token.
 */
@ExtendWith(ArquillianExtension.class)
class RevocationFeedIT extends RevocationFeedTests {

    @Deployment(name = "token-manager", order = 1, testable = false)
    @TargetsContainer("payara-fixed-port")
    static WebArchive tokenManagerWar() {
        return Deployments.tokenManager("RevocationFeedIT", TOKEN_MANAGER_SETTINGS);
    }

    @Deployment(name = "resource-server", order = 2, testable = false)
    @TargetsContainer("payara")
    static WebArchive resourceServerWar() {
        return resourceServerArchive(LibraryCredential.NAMED_TOKEN);
    }

    @Override
    LibraryCredential libraryCredential() {
        return LibraryCredential.NAMED_TOKEN;
    }
}
