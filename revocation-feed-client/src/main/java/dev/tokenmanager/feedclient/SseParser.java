package dev.tokenmanager.feedclient;

/**
 * Reads a Server-Sent Events stream line by line (the WHATWG event-stream format): fields {@code id},
 * {@code event} and {@code data}, an empty line ending an event, lines starting with {@code :} being comments.
 */
final class SseParser {

    /** What the stream carries. */
    interface Listener {
        /** A complete event; {@code id} is the stream's last event id after it (null if none was ever given). */
        void event(String id, String name, String data);

        void comment(String text);
    }

    private final Listener listener;
    private final StringBuilder data = new StringBuilder();
    private String name;
    private String lastId;
    private boolean hasData;

    SseParser(Listener listener) {
        this.listener = listener;
    }

    void line(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') {
            listener.comment(line.substring(1).strip());
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> name = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastId = value;
                }
            }
            default -> {
                // "retry" and unknown fields: nothing this client needs.
            }
        }
    }

    private void dispatch() {
        if (hasData) {
            listener.event(lastId, name == null || name.isEmpty() ? "message" : name, data.toString());
        }
        data.setLength(0);
        hasData = false;
        name = null;
    }
}
