package dev.tokenmanager.feedclient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the library proves itself to the feed: a bearer token of a user in group {@code introspect} (a named token),
 * or, with {@code clientId}, a registered client's secret, sent in HTTP Basic. The token or secret is given directly
 * ({@code value}) or in a file read at every connection, so a replaced one is picked up; exactly one of the two.
 * Never printed with its value.
 */
public record FeedCredential(Optional<String> clientId, Optional<String> value, Optional<Path> file) {

    public FeedCredential {
        if (value.isPresent() == file.isPresent()) {
            throw new IllegalArgumentException("set exactly one of " + property(clientId) + " and "
                    + property(clientId) + "-file");
        }
    }

    /**
     * Reads {@code revocation-feed.token} or {@code revocation-feed.token-file}; or {@code revocation-feed.client-id}
     * with {@code revocation-feed.client-secret} or {@code revocation-feed.client-secret-file}.
     */
    static FeedCredential read(Function<String, Optional<String>> in) {
        Optional<String> clientId = in.apply("revocation-feed.client-id");
        String other = clientId.isPresent() ? "revocation-feed.token" : "revocation-feed.client-secret";
        if (in.apply(other).isPresent() || in.apply(other + "-file").isPresent()) {
            throw new IllegalArgumentException(clientId.isPresent()
                    ? "with revocation-feed.client-id set, give the client's secret in revocation-feed.client-secret"
                    + " or revocation-feed.client-secret-file, not a token"
                    : "revocation-feed.client-secret needs revocation-feed.client-id");
        }
        String property = property(clientId);
        return new FeedCredential(clientId, in.apply(property), in.apply(property + "-file").map(Path::of));
    }

    private static String property(Optional<String> clientId) {
        return clientId.isPresent() ? "revocation-feed.client-secret" : "revocation-feed.token";
    }

    /**
     * The value of the {@code Authorization} header, reading the file now.
     *
     * @throws UncheckedIOException  if the file cannot be read
     * @throws IllegalStateException if it is empty
     */
    String authorization() {
        String secret = value.orElseGet(this::readFile);
        if (clientId.isEmpty()) {
            return "Bearer " + secret;
        }
        String pair = URLEncoder.encode(clientId.get(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private String readFile() {
        String property = property(clientId) + "-file";
        try {
            String read = Files.readString(file.get(), StandardCharsets.UTF_8).strip();
            if (read.isEmpty()) {
                throw new IllegalStateException(file.get() + " (" + property + ") is empty");
            }
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + property + " " + file.get()
                    + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** What the feed is shown, for log lines: never the token or secret. */
    String describe() {
        return clientId.map(id -> "client " + id).orElse("a bearer token");
    }

    @Override
    public String toString() {
        return "FeedCredential[" + describe() + file.map(f -> ", file=" + f).orElse("") + "]";
    }
}
