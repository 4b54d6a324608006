package dev.tokenmanager.session;

/** A session as an administrator sees it: with the username of its owner. */
public record AdminSessionRow(Session session, String username) {
}
