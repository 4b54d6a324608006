package dev.tokenmanager.feed;

import java.util.OptionalLong;

/** The {@code Last-Event-ID} a subscriber resumes after: an event id this feed has handed out, or none. */
public final class LastEventId {

    /** Event ids are sequence numbers: decimal digits, small enough for a long. */
    private static final int MAX_DIGITS = 18;

    /** Why a {@code Last-Event-ID} cannot be resumed after. */
    public static final class InvalidLastEventIdException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidLastEventIdException(String message) {
            super(message, null, false, false);
        }
    }

    private LastEventId() {
    }

    /**
     * The id to resume after; empty (start from the oldest event that still matters) when the header is absent or
     * empty. Throws {@link InvalidLastEventIdException} for anything but an id of this feed: not a number, or
     * beyond {@code lastSequence}, the newest id handed out.
     */
    public static OptionalLong parse(String header, long lastSequence) {
        if (header == null || header.isEmpty()) {
            return OptionalLong.empty();
        }
        if (header.length() > MAX_DIGITS || !header.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidLastEventIdException("Last-Event-ID must be the id of an event of this feed.");
        }
        long id = Long.parseLong(header);
        if (id > lastSequence) {
            throw new InvalidLastEventIdException("Last-Event-ID " + id + " is from the future: the newest event of"
                    + " this feed is " + lastSequence + ".");
        }
        return OptionalLong.of(id);
    }
}
