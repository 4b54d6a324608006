package dev.tokenmanager.bench.stateless;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** A service that trusts token-manager's tokens statelessly, with the server's own MicroProfile JWT. */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"user", "admin"})
public class StatelessApplication extends Application {
}
