package dev.tokenmanager.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The membership of Payara's data grid, from its Hazelcast instance (bound at {@code payara/Hazelcast}, a documented
 * part of Payara's data grid API): Hazelcast tells when a member leaves or is declared dead. Loaded only when the
 * server offers the instance.
 */
final class HazelcastMembership implements GridMembership {

    private final HazelcastInstance hazelcast;

    HazelcastMembership(Object hazelcastInstance) {
        this.hazelcast = (HazelcastInstance) hazelcastInstance;
    }

    @Override
    public String localMember() {
        return hazelcast.getCluster().getLocalMember().getUuid().toString();
    }

    @Override
    public Set<String> members() {
        return hazelcast.getCluster().getMembers().stream().map(member -> member.getUuid().toString())
                .collect(Collectors.toSet());
    }

    @Override
    public void onMemberLeft(Consumer<String> listener) {
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // A new member registers itself when its application starts.
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                Member left = event.getMember();
                listener.accept(left.getUuid().toString());
            }
        });
    }
}
