package dev.tokenmanager.session;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's one {@link DeviceParser}. Building it takes seconds, so it starts building in the background
 * at start-up; the first parse waits for that build. When the background build cannot run (a server may refuse or
 * drop tasks submitted while the application starts) or fails, the first parse builds it: a login never waits
 * forever, and one failed build does not fail every login until a restart.
 */
@ApplicationScoped
public class DeviceRecognizer {

    private static final Logger LOG = Logger.getLogger(DeviceRecognizer.class.getName());

    @Resource
    ManagedExecutorService executor;

    private final Object building = new Object();
    private volatile DeviceParser parser;

    @PostConstruct
    void startBuilding() {
        startBuilding(executor);
    }

    /** Starts building the parser on {@code background}. */
    void startBuilding(Executor background) {
        try {
            background.execute(() -> {
                try {
                    parser();
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(Level.WARNING, "building the User-Agent analyzer failed; the first login tries again", e);
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the User-Agent analyzer could not be built in the background; the first login"
                    + " builds it", e);
        }
    }

    /** The device of {@code userAgent}. */
    public DeviceInfo parse(String userAgent) {
        return parser().parse(userAgent);
    }

    /** The parser, built by the first caller; the others wait for it. */
    private DeviceParser parser() {
        DeviceParser built = parser;
        if (built == null) {
            synchronized (building) {
                built = parser;
                if (built == null) {
                    built = new DeviceParser();
                    parser = built;
                }
            }
        }
        return built;
    }

    /** Creating this bean at start-up starts building the parser. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // @PostConstruct has started the build.
    }
}
