package dev.tokenmanager.persistence;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * EclipseLink's settings of the persistence unit that no standard property reaches (named in persistence.xml;
 * Hibernate, on WildFly, never loads this class). A read that finds the database unreachable fails at once: by
 * default EclipseLink retries it twice, 5 s apart, and each such request held an HTTP worker for 10 s before its
 * 503, while the requests the session cache could answer queued behind it (measured by bench/faults.sh).
 */
public class EclipseLinkSession implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(0);
        }
    }
}
