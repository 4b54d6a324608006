package dev.tokenmanager.cluster;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.wildfly.clustering.server.Group;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.GroupMembershipEvent;
import org.wildfly.clustering.server.GroupMembershipListener;
import org.wildfly.clustering.server.Registration;
import org.wildfly.clustering.server.dispatcher.Command;
import org.wildfly.clustering.server.dispatcher.CommandDispatcher;
import org.wildfly.clustering.server.dispatcher.CommandDispatcherFactory;

/**
 * Events through WildFly's command dispatcher: publishing runs a command on every other member of the group and
 * waits for their answers, at most {@link Acknowledgements#TIMEOUT}. The dispatcher answers for a member that leaves
 * (or that does not run token-manager) at once, and the group's membership, which JGroups keeps, releases a
 * publication still waiting for a member the moment the group has lost it: a node killed with {@code kill -9}
 * slows revocations only until JGroups has noticed.
 */
final class WildFlyBus implements ClusterBus, GroupMembershipListener<GroupMember> {

    private static final Logger LOG = Logger.getLogger(WildFlyBus.class.getName());
    /** The dispatcher's name in the group: the same on every node of token-manager. */
    static final String DISPATCHER = "token-manager-events";

    private final Group<GroupMember> group;
    private final CommandDispatcher<GroupMember, WildFlyBus> dispatcher;
    private final Registration membershipRegistration;
    private final List<Consumer<ClusterEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Set<Acknowledgements> pending = ConcurrentHashMap.newKeySet();
    private final AtomicLong unacknowledged = new AtomicLong();

    WildFlyBus(CommandDispatcherFactory<GroupMember> factory) {
        this.group = factory.getGroup();
        this.dispatcher = factory.createCommandDispatcher(DISPATCHER, this, WildFlyBus.class.getClassLoader());
        this.membershipRegistration = group.register(this);
    }

    @Override
    public void publish(ClusterEvent event) {
        Map<GroupMember, CompletionStage<Void>> answers;
        try {
            answers = dispatcher.dispatchToGroup(new Deliver(event.encode()), Set.of(group.getLocalMember()));
        } catch (IOException e) {
            unacknowledged.incrementAndGet();
            LOG.log(Level.WARNING, "could not send a cluster event; the other nodes' session caches catch up within"
                    + " their TTL", e);
            return;
        }
        Acknowledgements acknowledgements = new Acknowledgements(answers.keySet().stream().map(GroupMember::getName)
                .collect(Collectors.toSet()));
        AtomicBoolean failed = new AtomicBoolean();
        pending.add(acknowledgements);
        try {
            answers.forEach((member, answer) -> answer.whenComplete((result, error) -> {
                if (error != null && !(unwrap(error) instanceof CancellationException)) {
                    failed.set(true);
                    LOG.log(Level.WARNING, "node " + member.getName() + " failed to handle a cluster event", error);
                }
                acknowledgements.received(member.getName());
            }));
            boolean acknowledged = acknowledgements.settle(memberNames());
            if (!acknowledged || failed.get()) {
                unacknowledged.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pending.remove(acknowledgements);
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    @Override
    public void subscribe(Consumer<ClusterEvent> listener) {
        listeners.add(listener);
    }

    /** The group's members now; a member without token-manager counts too (it answers every event at once). */
    @Override
    public int members() {
        return group.getMembership().getMembers().size();
    }

    @Override
    public long unacknowledgedEvents() {
        return unacknowledged.get();
    }

    @Override
    public void close() {
        membershipRegistration.close();
        dispatcher.close();
    }

    /** The group lost members: nobody waits for them any longer. */
    @Override
    public void updated(GroupMembershipEvent<GroupMember> event) {
        Set<String> current = event.getCurrentMembership().getMembers().stream().map(GroupMember::getName)
                .collect(Collectors.toSet());
        for (GroupMember member : event.getPreviousMembership().getMembers()) {
            if (!current.contains(member.getName())) {
                pending.forEach(acknowledgements -> acknowledgements.received(member.getName()));
            }
        }
    }

    private Set<String> memberNames() {
        return group.getMembership().getMembers().stream().map(GroupMember::getName).collect(Collectors.toSet());
    }

    /** Runs on the receiving node: hands the event to its listeners before the answer goes back. */
    void deliver(String encoded) {
        ClusterEvent event = ClusterEvent.decode(encoded);
        for (Consumer<ClusterEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "handling a cluster event failed", e);
            }
        }
    }

    /** The command that travels: the event as its short string, so nothing but a String is marshalled. */
    static final class Deliver implements Command<Void, WildFlyBus, RuntimeException>, Serializable {
        private static final long serialVersionUID = 1L;
        private final String event;

        Deliver(String event) {
            this.event = event;
        }

        @Override
        public Void execute(WildFlyBus bus) {
            bus.deliver(event);
            return null;
        }
    }
}
