package dev.tokenmanager.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data grid's event bus between two real Hazelcast members: a publication returns once the other node has
 * handled the event, and a node the grid has lost (killed, no goodbye) is no longer waited for.
 */
class GridBusTest {

    private EmbeddedGrid first;
    private EmbeddedGrid second;
    private DataGrid.GridBus firstBus;
    private DataGrid.GridBus secondBus;
    private final List<ClusterEvent> heardBySecond = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startTwoMembers() {
        String cluster = "bus-" + UUID.randomUUID();
        first = EmbeddedGrid.member(cluster);
        second = EmbeddedGrid.member(cluster);
        await().atMost(Duration.ofSeconds(60)).until(() -> first.hazelcast.getCluster().getMembers().size() == 2);
        firstBus = first.grid().bus();
        secondBus = second.grid().bus();
        secondBus.subscribe(event -> {
            sleep(50); // a listener that takes a while: publishing must still wait for it
            heardBySecond.add(event);
        });
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    @Test
    void publishingReturnsOnceTheOtherNodeHasHandledTheEvent() {
        assertThat(firstBus.members()).isEqualTo(2);

        for (int i = 0; i < 5; i++) {
            ClusterEvent event = ClusterEvent.sessionsRevoked(List.of("session-" + i));
            firstBus.publish(event);
            assertThat(heardBySecond).as("heard before publish returned").endsWith(event);
        }
        assertThat(firstBus.unacknowledgedEvents()).isZero();
    }

    @Test
    void aNodeThatLeavesInOrderIsNotWaitedFor() {
        secondBus.close();

        assertThat(firstBus.members()).isEqualTo(1);
        long took = timed(() -> firstBus.publish(ClusterEvent.keysChanged()));
        assertThat(took).as("ms to publish with no other node").isLessThan(Acknowledgements.TIMEOUT.toMillis() / 2);
    }

    @Test
    void aKilledNodeIsNoLongerWaitedForOnceTheGridNoticesItsLoss() {
        second.kill();
        long killed = System.nanoTime();

        await().atMost(Duration.ofSeconds(90)).until(() -> firstBus.members() == 1);
        long noticedMs = (System.nanoTime() - killed) / 1_000_000;
        long took = timed(() -> firstBus.publish(ClusterEvent.sessionsRevoked(List.of("after-the-kill"))));

        assertThat(took).as("ms to publish after the grid noticed the loss (after %d ms)", noticedMs)
                .isLessThan(Acknowledgements.TIMEOUT.toMillis() / 2);
        assertThat(firstBus.unacknowledgedEvents()).isZero();
    }

    private static long timed(Runnable action) {
        long started = System.nanoTime();
        action.run();
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
