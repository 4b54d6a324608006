package dev.tokenmanager.it.support;

import java.net.URL;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of a container test of one token-manager server, as OmniFaces's test harness has one: Arquillian deploys
 * the subclass's {@code @Deployment} (built with {@link Deployments}), and each test talks to it through
 * {@link #api}.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class SingleServerIT {

    /** Where Arquillian deployed the server. */
    @ArquillianResource
    protected URL url;

    /** The HTTP API of the server, on loopback. */
    protected Api api;

    @BeforeEach
    void connectToTheServer() {
        api = Api.of(url);
    }
}
