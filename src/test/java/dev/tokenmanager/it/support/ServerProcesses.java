package dev.tokenmanager.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** The Payara Micro processes the tests started. */
public final class ServerProcesses {

    private ServerProcesses() {
    }

    /** Kills the server listening on {@code port} like a crash would (SIGKILL: no shutdown hooks, no orderly close). */
    public static void kill(String port) {
        String option = "--port " + port;
        List<ProcessHandle> servers = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("payara-micro") && c.contains(option))
                        .orElse(false))
                .toList();
        assertThat(servers).as("the server process on port %s", port).hasSize(1);
        servers.get(0).destroyForcibly();
        servers.get(0).onExit().join();
    }
}
