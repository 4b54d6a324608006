package dev.tokenmanager.bench.ceiling;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The benchmark's bare JAX-RS application: no security in ceiling.war, a do-nothing mechanism in platform.war. */
@ApplicationPath("api")
public class CeilingApplication extends Application {
}
