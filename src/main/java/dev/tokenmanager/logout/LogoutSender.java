package dev.tokenmanager.logout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * POSTs a logout token to a receiver ({@code application/x-www-form-urlencoded}, field {@code logout_token}),
 * bounded in time, never following a redirect. A {@code 2xx} answer is a delivery; anything else a failure, named
 * without the token.
 */
final class LogoutSender {

    /** What one attempt got: delivered or not, and a short description ({@code HTTP 200}, {@code timed out}). */
    record Outcome(boolean delivered, String result) {
    }

    private final HttpClient http;
    private final Duration responseTimeout;
    private final Duration attemptTimeout;

    /**
     * @param executor where the HTTP client runs its work and completions (a managed executor in the server)
     */
    LogoutSender(Executor executor, Duration connectTimeout, Duration responseTimeout) {
        this.http = HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.responseTimeout = responseTimeout;
        // One bound for the whole attempt, the answer's body included, a second over the two parts.
        this.attemptTimeout = connectTimeout.plus(responseTimeout).plusSeconds(1);
    }

    /** Sends {@code logoutToken} to {@code uri}; the answer never fails, it says what happened. */
    CompletableFuture<Outcome> send(String uri, String logoutToken) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(uri))
                    .timeout(responseTimeout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("logout_token="
                            + URLEncoder.encode(logoutToken, StandardCharsets.UTF_8)))
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Outcome(false, "not a usable URI"));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .orTimeout(attemptTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> failure == null
                        ? new Outcome(response.statusCode() / 100 == 2, "HTTP " + response.statusCode())
                        : new Outcome(false, describe(failure)));
    }

    /** A failure in a few words, without any message text that could hold a URI or token. */
    static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "timed out";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof SSLException) {
            return "TLS failed: " + cause.getClass().getSimpleName();
        }
        if (cause instanceof IOException) {
            return "I/O failed: " + cause.getClass().getSimpleName();
        }
        return "failed: " + cause.getClass().getSimpleName();
    }
}
