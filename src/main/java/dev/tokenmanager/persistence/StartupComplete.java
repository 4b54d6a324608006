package dev.tokenmanager.persistence;

/**
 * CDI event, fired once: the database answers, its schema is current, the signing keys are loaded and the first
 * administrator exists. Background work that needs all that (last-seen writes, pruning, key maintenance) starts on
 * it; if the database was down when the server started, it comes when the database does.
 */
public record StartupComplete() {
}
