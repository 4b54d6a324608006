package dev.tokenmanager.metrics;

/** How many sessions and named tokens of the installation are live: what the active-sessions gauge shows. */
public interface LiveSessionCount {

    /** Live sessions and named tokens of all users now (a database count). */
    long liveSessions();
}
