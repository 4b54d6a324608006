package dev.tokenmanager.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The server processes the tests started: Payara Micro's, and WildFly's. */
public final class ServerProcesses {

    private ServerProcesses() {
    }

    /** How long an orderly stop may take. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /** Kills the server listening on {@code port} like a crash would (SIGKILL: no shutdown hooks, no orderly close). */
    public static void kill(String port) {
        List<ProcessHandle> servers = onPort(port);
        assertThat(servers).as("the server process on port %s", port).hasSize(1);
        servers.get(0).destroyForcibly();
        servers.get(0).onExit().join();
    }

    /** Kills the WildFly server started with port offset {@code offset} like a crash would (SIGKILL). */
    public static void killWildFly(int offset) {
        String option = "-Djboss.socket.binding.port-offset=" + offset;
        List<ProcessHandle> servers = ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(arguments -> List.of(arguments).contains(option)
                        && List.of(arguments).contains("org.jboss.as.standalone")).orElse(false))
                .toList();
        assertThat(servers).as("the WildFly process with port offset %s", offset).hasSize(1);
        servers.get(0).destroyForcibly();
        servers.get(0).onExit().join();
    }

    /**
     * Waits until the server on {@code port} has finished its orderly stop. Arquillian's undeploy only asks it to
     * stop (SIGTERM) and returns at once: a server deployed next on the same port and data would otherwise start
     * while the old one is still closing.
     */
    public static void awaitStopped(String port) {
        for (ProcessHandle server : onPort(port)) {
            try {
                server.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("the server on port " + port + " did not stop within " + STOP_TIMEOUT, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while the server on port " + port + " stopped", e);
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            }
        }
    }

    private static List<ProcessHandle> onPort(String port) {
        String option = "--port " + port;
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("payara-micro") && c.contains(option))
                        .orElse(false))
                .toList();
    }
}
