package dev.tokenmanager.admin;

/** A user could not be created or changed as asked: {@link #getMessage()} says why, for the person who asked. */
public final class InvalidUserException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidUserException(String reason) {
        super(reason, null, false, false);
    }
}
