package dev.tokenmanager.persistence;

import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;

/** Tells a database that does not answer from other failures: the former is a 503 the client may retry (see {@code http}). */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** Whether {@code failure} comes from a connection to the database that could not be made or was lost. */
    public static boolean isDatabaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseBreaker.Open) {
                return true;
            }
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (cause instanceof ResourceException) {
                return true; // the server's connection pool could not get a connection
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** A one-line description for the log, without stack trace. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
