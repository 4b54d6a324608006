package dev.tokenmanager.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.clustering.server.Group;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.GroupMembership;
import org.wildfly.clustering.server.GroupMembershipEvent;
import org.wildfly.clustering.server.GroupMembershipListener;
import org.wildfly.clustering.server.Registration;
import org.wildfly.clustering.server.dispatcher.Command;
import org.wildfly.clustering.server.dispatcher.CommandDispatcher;
import org.wildfly.clustering.server.dispatcher.CommandDispatcherFactory;

/**
 * How {@link WildFlyBus} waits for the other nodes, against a group whose answers and membership the test decides
 * (the real channel is exercised by ClusterIT and ClusterFailoverIT on two WildFly servers): it returns when every
 * other member has handled the event, stops waiting for a member the group has lost, and counts a member that did
 * not answer in time.
 */
class WildFlyBusTest {

    private final TestGroup group = new TestGroup();
    private final ExecutorService publisher = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        publisher.shutdownNow();
    }

    @Test
    void anEventRunsOnEveryOtherMemberAndPublishingReturnsOnceTheyAnswered() throws Exception {
        group.join("node-2");
        group.join("node-3");
        WildFlyBus bus = new WildFlyBus(group);
        WildFlyBus receiver = new WildFlyBus(group);
        List<ClusterEvent> received = new CopyOnWriteArrayList<>();
        receiver.subscribe(received::add);

        Future<?> publishing = publisher.submit(() -> bus.publish(ClusterEvent.sessionsRevoked(List.of("s1", "s2"))));
        group.awaitDispatch();
        assertThat(group.sentTo()).containsExactlyInAnyOrder("node-2", "node-3");
        group.answer("node-2", receiver);
        assertThat(publishing.isDone()).as("published before node-3 answered").isFalse();
        group.answer("node-3", receiver);
        publishing.get(5, TimeUnit.SECONDS);

        assertThat(received).containsExactly(ClusterEvent.sessionsRevoked(List.of("s1", "s2")),
                ClusterEvent.sessionsRevoked(List.of("s1", "s2")));
        assertThat(bus.unacknowledgedEvents()).isZero();
        assertThat(bus.members()).isEqualTo(3);
    }

    @Test
    void aMemberTheGroupLosesIsNotWaitedForAnyLonger() throws Exception {
        group.join("node-2");
        WildFlyBus bus = new WildFlyBus(group);

        long start = System.nanoTime();
        Future<?> publishing = publisher.submit(() -> bus.publish(ClusterEvent.keysChanged()));
        group.awaitDispatch();
        group.leave("node-2");
        publishing.get(5, TimeUnit.SECONDS);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("ms to publish")
                .isLessThan(Acknowledgements.TIMEOUT.toMillis() / 2);
        assertThat(bus.unacknowledgedEvents()).isZero();
        assertThat(bus.members()).isEqualTo(1);
    }

    @Test
    void anAnswerCancelledBecauseTheMemberLeftCountsAsDone() throws Exception {
        group.join("node-2");
        WildFlyBus bus = new WildFlyBus(group);

        Future<?> publishing = publisher.submit(() -> bus.publish(ClusterEvent.accountChanged("a1")));
        group.awaitDispatch();
        group.cancel("node-2");
        publishing.get(5, TimeUnit.SECONDS);

        assertThat(bus.unacknowledgedEvents()).isZero();
    }

    @Test
    void aMemberThatDoesNotAnswerInTimeIsCountedAndPublishingReturnsAfterTheTimeout() throws Exception {
        group.join("node-2");
        WildFlyBus bus = new WildFlyBus(group);

        long start = System.nanoTime();
        publisher.submit(() -> bus.publish(ClusterEvent.keysChanged())).get(5, TimeUnit.SECONDS);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(Acknowledgements.TIMEOUT.toMillis());
        assertThat(bus.unacknowledgedEvents()).isEqualTo(1);
    }

    @Test
    void aNodeAloneInItsGroupPublishesAtOnce() throws Exception {
        WildFlyBus bus = new WildFlyBus(group);

        publisher.submit(() -> bus.publish(ClusterEvent.keysChanged())).get(Acknowledgements.TIMEOUT.toMillis() / 2,
                TimeUnit.MILLISECONDS);

        assertThat(bus.unacknowledgedEvents()).isZero();
        assertThat(bus.members()).isEqualTo(1);
    }

    private record Member(String getName) implements GroupMember {
    }

    private record Membership(List<GroupMember> getMembers) implements GroupMembership<GroupMember> {
        @Override
        public GroupMember getCoordinator() {
            return getMembers.get(0);
        }
    }

    /**
     * A group of members: this node ("node-1") and those the test lets join; the dispatcher records each command
     * and leaves its answer to the test.
     */
    private static final class TestGroup implements Group<GroupMember>, CommandDispatcherFactory<GroupMember> {
        private final GroupMember local = new Member("node-1");
        private final List<GroupMember> members = new CopyOnWriteArrayList<>(List.of(local));
        private final List<GroupMembershipListener<GroupMember>> listeners = new CopyOnWriteArrayList<>();
        private final Map<String, CompletableFuture<Object>> answers = new ConcurrentHashMap<>();
        private final Map<String, Command<Object, Object, Exception>> commands = new ConcurrentHashMap<>();
        private final CompletableFuture<Void> dispatched = new CompletableFuture<>();

        void join(String name) {
            members.add(new Member(name));
        }

        void leave(String name) {
            Membership before = new Membership(List.copyOf(members));
            members.removeIf(member -> member.getName().equals(name));
            Membership after = new Membership(List.copyOf(members));
            listeners.forEach(listener -> listener.updated(new GroupMembershipEvent<>() {
                @Override
                public GroupMembership<GroupMember> getPreviousMembership() {
                    return before;
                }

                @Override
                public GroupMembership<GroupMember> getCurrentMembership() {
                    return after;
                }
            }));
        }

        void awaitDispatch() throws Exception {
            dispatched.get(5, TimeUnit.SECONDS);
        }

        Set<String> sentTo() {
            return answers.keySet();
        }

        /** {@code name} runs the command on {@code node}'s bus and answers. */
        void answer(String name, WildFlyBus node) throws Exception {
            answers.get(name).complete(commands.get(name).execute(node));
        }

        void cancel(String name) {
            answers.get(name).completeExceptionally(new CancellationException(name + " left"));
        }

        @Override
        public Group<GroupMember> getGroup() {
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <C> CommandDispatcher<GroupMember, C> createCommandDispatcher(Object id, C context, ClassLoader loader) {
            TestGroup group = this;
            return new CommandDispatcher<>() {
                @Override
                public C getContext() {
                    return context;
                }

                @Override
                public <R, E extends Exception> CompletionStage<R> dispatchToMember(Command<R, ? super C, E> command,
                        GroupMember member) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public <R, E extends Exception> Map<GroupMember, CompletionStage<R>> dispatchToGroup(
                        Command<R, ? super C, E> command, Set<GroupMember> excluded) {
                    Map<GroupMember, CompletionStage<R>> sent = new ConcurrentHashMap<>();
                    for (GroupMember member : group.members) {
                        if (!excluded.contains(member)) {
                            CompletableFuture<Object> answer = new CompletableFuture<>();
                            group.answers.put(member.getName(), answer);
                            group.commands.put(member.getName(), (Command<Object, Object, Exception>) command);
                            sent.put(member, (CompletionStage<R>) answer);
                        }
                    }
                    group.dispatched.complete(null);
                    return sent;
                }

                @Override
                public void close() {
                    // Nothing to release.
                }
            };
        }

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public GroupMember getLocalMember() {
            return local;
        }

        @Override
        public GroupMembership<GroupMember> getMembership() {
            return new Membership(new ArrayList<>(members));
        }

        @Override
        public boolean isSingleton() {
            return false;
        }

        @Override
        public Registration register(GroupMembershipListener<GroupMember> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }
}
