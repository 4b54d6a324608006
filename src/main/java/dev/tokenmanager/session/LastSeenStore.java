package dev.tokenmanager.session;

import java.util.Map;

/** Where last-seen times are written: the session rows. */
public interface LastSeenStore {

    /**
     * Writes each session's use (epoch milliseconds) unless the policy says one stored already covers it (another
     * node wrote it within the window); answers how many rows changed.
     */
    int touchAll(Map<String, Long> usedAt, LastSeenPolicy policy);
}
