package dev.tokenmanager.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A subscriber of token-manager's revocation feed, the way a service would read it: one streaming connection, its
 * events and comments queued as they arrive.
 */
public final class FeedStream implements AutoCloseable {

    /** One thing the stream carried: an event (id, name, data) or a comment (only {@code comment} set). */
    public record Item(String id, String name, String data, String comment) {
        public boolean isComment() {
            return comment != null;
        }

        public JsonObject json() {
            return Json.createReader(new StringReader(data)).readObject();
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final Stream<String> lines;
    private final Thread reader;

    private FeedStream(Stream<String> lines) {
        this.lines = lines;
        this.reader = new Thread(this::read, "feed-stream");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Opens the feed of {@code api} with bearer {@code token}, resuming after {@code lastEventId} (may be null). */
    public static FeedStream open(Api api, String token, String lastEventId) {
        return openWith(api, "Bearer " + token, lastEventId);
    }

    /** Opens the feed of {@code api} with the {@code Authorization} header {@code authorization}. */
    public static FeedStream openWith(Api api, String authorization, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(feedUri(api)).timeout(Duration.ofSeconds(60))
                .header("Accept", "text/event-stream").header("Authorization", authorization);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<Stream<String>> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new AssertionError("the feed answered " + response.statusCode());
            }
            return new FeedStream(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static URI feedUri(Api api) {
        return api.uri("/api/auth/revocations");
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = null;
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith(":")) {
                    items.add(new Item(null, null, null, line.substring(1).strip()));
                } else if (line.isEmpty()) {
                    if (data != null) {
                        items.add(new Item(id, name, data.toString(), null));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).strip());
                }
            }
        } catch (RuntimeException e) {
            // closed
        }
    }

    /** The next event (comments skipped), waiting at most {@code timeout}; null if none came. */
    public Item nextEvent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Item item = items.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (item == null || !item.isComment()) {
                return item;
            }
        }
    }

    /** Waits for the next comment (the first one says the stream has caught up); the events before it, in order. */
    public java.util.List<Item> untilComment(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.List<Item> events = new java.util.ArrayList<>();
        while (true) {
            Item item = items.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (item == null) {
                throw new AssertionError("no comment within " + timeout + "; events " + events);
            }
            if (item.isComment()) {
                return events;
            }
            events.add(item);
        }
    }

    /** Whether the server ended the stream within {@code timeout}. */
    public boolean endsWithin(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
        return !reader.isAlive();
    }

    @Override
    public void close() {
        lines.close();
        reader.interrupt();
    }
}
