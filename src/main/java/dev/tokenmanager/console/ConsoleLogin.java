package dev.tokenmanager.console;

import dev.tokenmanager.account.PasswordPolicy;
import dev.tokenmanager.account.Usernames;
import dev.tokenmanager.auth.ConsoleCookie;
import dev.tokenmanager.auth.GrantService.LoginResult;
import dev.tokenmanager.auth.GrantService;
import dev.tokenmanager.http.ClientInfoResolver;
import dev.tokenmanager.identity.IdentitySettings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The console's login form: administrators only; the login becomes a session carried by an HttpOnly cookie. */
@Named
@RequestScoped
public class ConsoleLogin {

    @Inject
    GrantService grants;
    @Inject
    ClientInfoResolver clients;
    @Inject
    IdentitySettings identity;

    /** A provider the console offers "Sign in with" for (a bean: Jakarta EL 5 reads getters, not record parts). */
    public static final class ProviderLink {
        private final String name;
        private final String displayName;

        ProviderLink(String name, String displayName) {
            this.name = name;
            this.displayName = displayName;
        }

        public String getName() {
            return name;
        }

        public String getDisplayName() {
            return displayName;
        }
    }

    private String username;
    private String password;

    public String login() {
        if (username == null || username.isBlank() || password == null || password.isEmpty()
                || username.length() > Usernames.MAX_LENGTH || password.length() > PasswordPolicy.MAX_LENGTH) {
            Faces.error("Enter your username and password.");
            return null;
        }
        LoginResult result = grants.consoleLogin(username, password, clients.of(Faces.request()));
        password = null;
        if (result instanceof LoginResult.ConsoleSuccess success) {
            Faces.request().changeSessionId(); // no session fixation across the login
            ConsoleCookie.set(Faces.request(), Faces.response(), success.cookieSecret());
            return "/admin/index.xhtml?faces-redirect=true";
        }
        if (result instanceof LoginResult.Throttled throttled) {
            Faces.error("Too many failed logins; try again in " + Math.max(1, throttled.retryAfter().toSeconds())
                    + " seconds.");
        } else if (result instanceof LoginResult.NotAdmin) {
            Faces.error("Only administrators may use the console.");
        } else if (result instanceof LoginResult.SourceUnavailable) {
            Faces.error("The directory that signs you in cannot be reached; try again shortly.");
        } else if (result instanceof LoginResult.AccountConflict) {
            Faces.error("Your directory signed you in, but another account has your username here.");
        } else if (result instanceof LoginResult.SessionLimitReached) {
            Faces.error("You have the most login sessions allowed; sign out on another device first.");
        } else {
            Faces.error("The username or password is wrong, or the account is disabled.");
        }
        return null;
    }

    /** The OpenID Connect providers an administrator may sign in with. */
    public List<ProviderLink> getProviders() {
        return identity.providers().stream().map(p -> new ProviderLink(p.name(), p.displayName())).toList();
    }

    /** What the last sign-in through a provider came to, when it came back here ({@code ?signin=}). */
    public String getProviderOutcome() {
        String outcome = Faces.request().getParameter("signin");
        if (outcome == null) {
            return null;
        }
        return switch (outcome) {
            case "not-admin" -> "Only administrators may use the console.";
            case "unavailable" -> "The identity provider cannot be reached; try again shortly.";
            case "session-limit" -> "You have the most login sessions allowed; sign out on another device first.";
            default -> "The identity provider did not sign you in.";
        };
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
