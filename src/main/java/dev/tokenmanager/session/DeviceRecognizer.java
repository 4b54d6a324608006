package dev.tokenmanager.session;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The application's one {@link DeviceParser}. Building it takes seconds, so it starts building in the background
 * at start-up; the first parse waits for it if it is not ready yet.
 */
@ApplicationScoped
public class DeviceRecognizer {

    @Resource
    ManagedExecutorService executor;

    private CompletableFuture<DeviceParser> parser;

    @PostConstruct
    void startBuilding() {
        parser = CompletableFuture.supplyAsync(DeviceParser::new, executor);
    }

    /** The device of {@code userAgent}. */
    public DeviceInfo parse(String userAgent) {
        try {
            return parser.get().parse(userAgent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeviceInfo.UNKNOWN;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the User-Agent analyzer could not be built", e.getCause());
        }
    }

    /** Creating this bean at start-up starts building the parser. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // @PostConstruct has started the build.
    }
}
