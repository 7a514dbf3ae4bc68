package io.siocluster.tck.cluster;

import static io.siocluster.tck.cluster.RoutingCheck.suffixIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.tck.Stages;
import io.siocluster.tck.TckTimeouts;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules C1-C6: which sockets of which nodes a broadcast or a room operation reaches, and in what order. */
abstract class RoutingRules {

    private final ClusterNodesFixture cluster;

    RoutingRules(ClusterNodesFixture cluster) {
        this.cluster = cluster;
    }

    @Test
    @DisplayName("C1 a broadcast to the namespace reaches every socket of every node once, in the sender's order (small, 20 kB and binary mixed)")
    void toEveryone() {
        assertBroadcast("C1", BroadcastOptions.ALL, socket -> true);
    }

    @Test
    @DisplayName("C2 a broadcast to one room reaches the sockets in that room on every node, and no other")
    void toOneRoom() {
        assertBroadcast("C2", BroadcastOptions.toRooms("room-a"), socket -> suffixIn(socket, "a", "ab"));
    }

    @Test
    @DisplayName("C3 a broadcast to several rooms reaches each socket in any of them once")
    void toSeveralRooms() {
        assertBroadcast("C3", BroadcastOptions.toRooms("room-a", "room-b"), socket -> suffixIn(socket, "a", "b", "ab"));
    }

    @Test
    @DisplayName("C4 a broadcast except a room leaves out every socket in that room")
    void exceptRoom() {
        assertBroadcast("C4", BroadcastOptions.ALL.withExcept("room-b"), socket -> suffixIn(socket, "a", "0"));
    }

    @Test
    @DisplayName("C5 a broadcast except a socket id leaves out that socket: every socket id is a room")
    void exceptSocketId() {
        assertBroadcast("C5", BroadcastOptions.toRooms("room-a").withExcept("n2-ab", "n1-a"),
                socket -> suffixIn(socket, "a", "ab") && !socket.equals("n2-ab") && !socket.equals("n1-a"));
    }

    @Test
    @DisplayName("C6 socketsJoin, socketsLeave and disconnectSockets act on the matching sockets of every node")
    void roomOperations() {
        List<TestNode> nodes = cluster.startThree();

        Stages.join(nodes.get(0).nsp().socketsJoin(BroadcastOptions.toRooms("room-a"), List.of("room-z", "room-y")));
        awaitEverywhere("C6 socketsJoin", nodes, socket -> suffixIn(socket, "a", "ab"),
                (node, socket) -> node.local().rooms(socket).containsAll(Set.of("room-z", "room-y")));

        Stages.join(nodes.get(1).nsp().socketsLeave(BroadcastOptions.toRooms("room-z").withExcept("n3-a"), List.of("room-z")));
        awaitEverywhere("C6 socketsLeave", nodes, socket -> socket.equals("n3-a"),
                (node, socket) -> node.local().rooms(socket).contains("room-z"));

        Stages.join(nodes.get(2).nsp().disconnectSockets(BroadcastOptions.toRooms("room-b").withExcept("room-a"), true));
        for (TestNode node : nodes) {
            await("C6 disconnectSockets reaches " + node.name()).atMost(TckTimeouts.delivery())
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> node.local().disconnects().equals(List.of(node.name() + "-b:close")));
            assertThat(node.local().socketIds()).as("C6 only the sockets matching disconnectSockets are gone from "
                    + node.name()).containsExactly(node.name() + "-a", node.name() + "-ab", node.name() + "-0");
        }
        Stages.join(nodes.get(0).nsp().broadcast(BroadcastPacket.event("to-y"), BroadcastOptions.toRooms("room-y")));
        for (TestNode node : nodes) {
            await("C6 a broadcast to the joined room reaches " + node.name()).atMost(TckTimeouts.delivery())
                    .until(() -> MixedMessages.contains(node.local().received(node.name() + "-ab"), "to-y"));
        }
    }

    private void assertBroadcast(String rule, BroadcastOptions opts, Predicate<String> meantFor) {
        List<TestNode> nodes = cluster.startThree();
        TestNode sender = nodes.get(0);
        RoutingCheck.assertRouted(rule, nodes, meantFor, seq -> sender.nsp().broadcast(MixedMessages.packet(seq), opts),
                () -> sender.nsp().broadcast(BroadcastPacket.event("marker"), BroadcastOptions.ALL));
    }

    /** Waits until {@code holds} for exactly the sockets {@code meantFor}, on every node. */
    private static void awaitEverywhere(String rule, List<TestNode> nodes, Predicate<String> meantFor,
            BiPredicate<TestNode, String> holds) {
        for (TestNode node : nodes) {
            await(rule + " on " + node.name()).atMost(TckTimeouts.delivery()).pollInterval(Duration.ofMillis(20))
                    .until(() -> node.local().socketIds().stream().allMatch(s -> meantFor.test(s) == holds.test(node, s)));
        }
    }
}
