package dev.tokenmanager.feed;

import dev.tokenmanager.http.Jsons;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscriber's stream: the last event id it was sent, and the work of bringing it up to date, done by one task
 * at a time. A failed or stalled write ends the stream (the subscriber resumes with {@code Last-Event-ID}).
 */
final class FeedSubscription {

    /** The SSE event name of every event. */
    static final String EVENT_NAME = "session-revoked";
    private static final int BATCH = 500;
    /** The longest a write may take before the connection is taken for dead. */
    private static final long WRITE_TIMEOUT_SECONDS = 10;

    private final RevocationFeed feed;
    private final SseEventSink sink;
    private final Sse sse;
    private final FeedAccess.Subscriber subscriber;
    private final AtomicLong cursor;
    private final AtomicLong target = new AtomicLong();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicBoolean heartbeatDue = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean caughtUp;

    FeedSubscription(RevocationFeed feed, SseEventSink sink, Sse sse, FeedAccess.Subscriber subscriber, long after) {
        this.feed = feed;
        this.sink = sink;
        this.sse = sse;
        this.subscriber = subscriber;
        this.cursor = new AtomicLong(after);
    }

    FeedAccess.Subscriber subscriber() {
        return subscriber;
    }

    /** Asks for the stream to be brought up to event {@code last} (and a heartbeat sent); runs one task at a time. */
    void poke(long last, boolean heartbeat) {
        target.accumulateAndGet(last, Math::max);
        if (heartbeat) {
            heartbeatDue.set(true);
        } else if (caughtUp && cursor.get() >= last) {
            return;
        }
        if (requests.getAndIncrement() == 0) {
            try {
                feed.run(this::work);
            } catch (RuntimeException e) {
                requests.set(0);
            }
        }
    }

    private void work() {
        int taken;
        do {
            taken = requests.get();
            if (closed.get()) {
                return;
            }
            try {
                if (heartbeatDue.getAndSet(false)) {
                    if (!feed.stillAdmitted(subscriber)) {
                        end("its credential no longer admits it");
                        return;
                    }
                    if (caughtUp) {
                        send(sse.newEventBuilder().comment("heartbeat").build());
                    }
                }
                catchUp();
            } catch (RuntimeException | ExecutionException | TimeoutException e) {
                end("the connection failed");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                end("interrupted");
                return;
            }
        } while (requests.addAndGet(-taken) != 0);
    }

    private void catchUp() throws ExecutionException, TimeoutException, InterruptedException {
        long upTo = target.get();
        while (cursor.get() < upTo) {
            List<EndedSession> batch = feed.read(cursor.get(), upTo, BATCH);
            for (EndedSession ended : batch) {
                send(event(ended));
                cursor.set(ended.seq());
            }
            feed.sent(batch.size());
            if (batch.size() < BATCH) {
                cursor.set(upTo);
            }
        }
        if (!caughtUp) {
            // The first comment tells the subscriber that everything up to now has been sent.
            send(sse.newEventBuilder().comment("caught up").build());
            caughtUp = true;
        }
    }

    private OutboundSseEvent event(EndedSession ended) {
        String data = Jsons.createObjectBuilder().add("sid", ended.sessionId())
                .add("until", ended.untilEpochSecond()).build().toString();
        return sse.newEventBuilder().id(Long.toString(ended.seq())).name(EVENT_NAME).data(String.class, data)
                .build();
    }

    private void send(OutboundSseEvent event) throws ExecutionException, TimeoutException, InterruptedException {
        if (sink.isClosed()) {
            throw new IllegalStateException("closed by the subscriber");
        }
        sink.send(event).toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private void end(String why) {
        close();
        feed.ended(this, why);
    }

    /** Closes the stream (the server stops, or the subscriber is gone). */
    void close() {
        if (closed.compareAndSet(false, true) && !sink.isClosed()) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }
}
