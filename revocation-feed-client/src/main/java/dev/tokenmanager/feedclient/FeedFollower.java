package dev.tokenmanager.feedclient;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows token-manager's revocation feed: one streaming connection at a time, its lines parsed as they arrive;
 * after a disconnect, a failed connection or a connection silent for longer than the idle timeout, it connects again
 * (waiting longer after each failure) and resumes after the last event it handled, with {@code Last-Event-ID}, so
 * no event is missed. Each {@code session-revoked} event is remembered in {@link EndedSessions} before its id counts
 * as handled; the first comment of a connection says it has caught up.
 */
final class FeedFollower {

    private static final Logger LOG = Logger.getLogger(FeedFollower.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();
    static final String EVENT_NAME = "session-revoked";

    private final FeedClientSettings settings;
    private final EndedSessions ended;
    private final FeedHealth health;
    private final ScheduledExecutorService scheduler;
    private final HttpClient client;
    private final LongSupplier clock;

    private volatile String lastEventId;
    private volatile Connection current;
    private volatile boolean stopped;
    private volatile FeedHealth.State reported;
    private long failures;
    /** The last problem logged, so that a problem that persists is logged once, not at every attempt. */
    private String lastProblem;
    private ScheduledFuture<?> watchdog;
    private ScheduledFuture<?> reconnect;

    FeedFollower(FeedClientSettings settings, EndedSessions ended, FeedHealth health,
                 ScheduledExecutorService scheduler, Executor executor, LongSupplier clock) {
        this.settings = settings;
        this.ended = ended;
        this.health = health;
        this.scheduler = scheduler;
        this.clock = clock;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(settings.idleTimeout()).build();
    }

    synchronized void start() {
        reported = health.state(clock.getAsLong());
        LOG.info(() -> "revocation feed: following " + settings.url() + ", " + describe(settings.mode())
                + " once cut off for longer than " + settings.maxOutage()
                + (settings.mode() == FeedClientSettings.Mode.FAIL_CLOSED
                ? "; every token is refused until the feed has been caught up with" : ""));
        watchdog = scheduler.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
        connect();
    }

    synchronized void stop() {
        stopped = true;
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        if (reconnect != null) {
            reconnect.cancel(false);
        }
        Connection connection = current;
        if (connection != null) {
            connection.cancel();
        }
    }

    private static String describe(FeedClientSettings.Mode mode) {
        return mode == FeedClientSettings.Mode.FAIL_CLOSED
                ? "fail closed (every token is refused with 503)"
                : "fail open (tokens are still verified statelessly, revocations meanwhile unseen)";
    }

    // ------------------------------------------------------------------------------------------ connecting

    private synchronized void connect() {
        if (stopped) {
            return;
        }
        String authorization;
        try {
            authorization = settings.credential().authorization();
        } catch (UncheckedIOException | IllegalStateException e) {
            problem(e.getMessage() + "; trying again");
            retryLater();
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url()).GET()
                .timeout(settings.idleTimeout())
                .header("Accept", "text/event-stream")
                .header("Authorization", authorization);
        String resumeAfter = lastEventId;
        if (resumeAfter != null) {
            request.header("Last-Event-ID", resumeAfter);
        }
        Connection connection = new Connection(resumeAfter);
        current = connection;
        client.sendAsync(request.build(), connection::body).whenComplete((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException
                        && failure.getCause() != null ? failure.getCause() : failure;
                connection.lost("cannot connect (" + cause.getClass().getSimpleName() + ")");
            } else if (response.statusCode() != 200) {
                connection.refused(response.statusCode());
            }
        });
    }

    /** Logs {@code message} as a warning unless it is the problem logged last. */
    private synchronized void problem(String message) {
        if (!message.equals(lastProblem)) {
            lastProblem = message;
            LOG.warning("revocation feed: " + message);
        }
    }

    /** Connects again after the current wait, doubling it for the next failure. */
    private synchronized void retryLater() {
        if (stopped) {
            return;
        }
        long first = settings.reconnectDelay().toMillis();
        long delay = Math.min(settings.maxReconnectDelay().toMillis(), first << Math.min(failures, 20));
        failures++;
        reconnect = scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Every second: replaces a silent connection, forgets dead sessions, logs a change of state. */
    private void watch() {
        try {
            long now = clock.getAsLong();
            Connection connection = current;
            if (connection != null && connection.isSilentFor(now, settings.idleTimeout())) {
                connection.lost("nothing heard for " + settings.idleTimeout());
            }
            ended.forgetDead(now / 1000);
            reportState(now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "revocation feed: the watchdog failed; it runs again in a second", e);
        }
    }

    /**
     * Logs a change of the feed's state once, whoever sees it first: the watchdog each second, or a request refused
     * meanwhile, so that a cut-off shorter than the watchdog's period is logged too.
     */
    synchronized void reportState(long now) {
        FeedHealth.State state = health.state(now);
        if (state != reported) {
            logChange(reported, state);
            reported = state;
        }
    }

    private void logChange(FeedHealth.State before, FeedHealth.State state) {
        if (state == FeedHealth.State.CUT_OFF) {
            LOG.warning("revocation feed: cut off for longer than " + settings.maxOutage() + ": "
                    + describe(settings.mode()) + " until it is back");
        } else if (state == FeedHealth.State.FOLLOWING) {
            LOG.info("revocation feed: " + (before == FeedHealth.State.STARTING ? "following" : "following again")
                    + "; tokens of ended sessions are refused, the others accepted");
        }
    }

    // ------------------------------------------------------------------------------------------ receiving

    /** An event of the feed: a {@code session-revoked} one is remembered before its id counts as handled. */
    void onEvent(String id, String name, String data) {
        if (!EVENT_NAME.equals(name)) {
            return;
        }
        JsonObject event;
        try {
            event = JSON.createReader(new StringReader(data)).readObject();
            ended.add(event.getString("sid"), event.getJsonNumber("until").longValueExact());
        } catch (RuntimeException e) {
            LOG.warning("revocation feed: event " + id + " is not {\"sid\",\"until\"}; ignored");
            return;
        }
        if (id != null) {
            lastEventId = id;
        }
    }

    /** One streaming connection. Callbacks of a connection that is no longer the current one change nothing. */
    private final class Connection implements Flow.Subscriber<String> {
        private final String resumedAfter;
        private final SseParser parser;
        private volatile Flow.Subscription subscription;
        private volatile long lastLine;
        private volatile boolean caughtUp;
        private volatile boolean over;

        Connection(String resumedAfter) {
            this.resumedAfter = resumedAfter;
            this.lastLine = clock.getAsLong();
            this.parser = new SseParser(new SseParser.Listener() {
                @Override
                public void event(String id, String name, String data) {
                    if (isCurrent()) {
                        onEvent(id, name, data);
                    }
                }

                @Override
                public void comment(String text) {
                    if (isCurrent() && !caughtUp) {
                        caughtUp();
                    }
                }
            });
        }

        HttpResponse.BodySubscriber<Void> body(HttpResponse.ResponseInfo response) {
            if (response.statusCode() != 200) {
                return HttpResponse.BodySubscribers.replacing(null);
            }
            return HttpResponse.BodySubscribers.fromLineSubscriber(this);
        }

        boolean isCurrent() {
            return !over && current == this;
        }

        boolean isSilentFor(long now, Duration timeout) {
            return !over && now - lastLine > timeout.toMillis();
        }

        private void caughtUp() {
            caughtUp = true;
            synchronized (FeedFollower.this) {
                failures = 0;
                lastProblem = null;
            }
            health.heard(clock.getAsLong());
            LOG.info(() -> "revocation feed: connected and caught up"
                    + (resumedAfter == null ? "" : " (resumed after event " + resumedAfter + ")")
                    + "; " + ended.size() + " ended sessions remembered");
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!isCurrent()) {
                return;
            }
            lastLine = clock.getAsLong();
            parser.line(line);
            if (caughtUp) {
                health.heard(lastLine);
            }
        }

        @Override
        public void onError(Throwable failure) {
            lost("the connection failed (" + failure.getClass().getSimpleName() + ")");
        }

        @Override
        public void onComplete() {
            lost("the feed closed the connection");
        }

        void refused(int status) {
            if (status == 400 && resumedAfter != null) {
                // The feed does not know the id: its database was restored or replaced. Start again from the oldest
                // event that still matters (what is remembered stays remembered), at once.
                lastEventId = null;
                synchronized (FeedFollower.this) {
                    failures = 0;
                }
                problem("the feed does not know event " + resumedAfter + "; reading it again from its start");
            } else if (status == 401 || status == 403) {
                problem("the feed refused " + settings.credential().describe() + " (" + status
                        + "): it must be a valid token of a user in group introspect, or an active client's secret;"
                        + " trying again");
            } else {
                problem("the feed answered " + status + "; trying again");
            }
            lost(null);
        }

        /** Ends this connection (if it is still the current one) and connects again later. */
        void lost(String why) {
            if (!isCurrent()) {
                return;
            }
            over = true;
            cancel();
            if (why != null && !stopped) {
                if (caughtUp) {
                    LOG.info("revocation feed: " + why + "; reconnecting");
                } else {
                    problem(why + "; trying again");
                }
            }
            retryLater();
        }

        void cancel() {
            over = true;
            Flow.Subscription open = subscription;
            if (open != null) {
                open.cancel();
            }
        }
    }
}
