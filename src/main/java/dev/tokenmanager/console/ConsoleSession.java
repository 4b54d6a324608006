package dev.tokenmanager.console;

import dev.tokenmanager.auth.ConsoleCookie;
import dev.tokenmanager.auth.CurrentCaller;
import dev.tokenmanager.session.SessionService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The administrator using the console, and the way out. */
@Named
@RequestScoped
public class ConsoleSession {

    @Inject
    CurrentCaller caller;
    @Inject
    SessionService sessions;

    public String getUsername() {
        return caller.get().map(found -> found.username()).orElse("");
    }

    public String getSessionId() {
        return caller.get().map(found -> found.sessionId()).orElse("");
    }

    /** Revokes the console's session, so its cookie is worthless even if it was copied. */
    public String logout() {
        caller.get().ifPresent(found -> sessions.revoke(found.sessionId()));
        ConsoleCookie.clear(Faces.request(), Faces.response());
        return "/admin/login.xhtml?faces-redirect=true";
    }
}
