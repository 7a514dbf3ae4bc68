package io.siocluster.tck.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.tck.ConnectionCutter;
import io.siocluster.tck.Stages;
import io.siocluster.tck.TckTimeouts;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules C20-C21: a node whose transport is down works for its own sockets, and rejoins when it is back. */
abstract class FallbackRules {

    /** Well under the requestsTimeout (5 s): a request that waited for an unreachable peer would take longer. */
    private static final Duration PROMPTLY = Duration.ofSeconds(2);
    /** Well under the 15 s heartbeatInterval of the node in C21: only its announcement can bring it back this fast. */
    private static final Duration REJOIN = Duration.ofSeconds(4);

    private final ClusterNodesFixture cluster;

    FallbackRules(ClusterNodesFixture cluster) {
        this.cluster = cluster;
    }

    @Test
    @DisplayName("C20 while its transport is down a node still reaches its own sockets without an exception, and requests wait for no unreachable peer")
    void localOnlyWhileDown() throws Exception {
        ConnectionCutter cutter = cluster.requireCutter();
        List<TestNode> nodes = cluster.startThree();
        TestNode cut = nodes.get(0);
        long localOnlyBefore = cut.stats().localOnlyOperations();

        try (AutoCloseable outage = cutter.cut(cut.transport())) {
            awaitState("C20", cut, LivenessState.DOWN);

            Stages.join(cut.nsp().broadcast(BroadcastPacket.event("during"), BroadcastOptions.ALL), PROMPTLY);
            Stages.join(cut.nsp().socketsJoin(BroadcastOptions.toRooms("room-a"), List.of("room-down")), PROMPTLY);
            List<SocketDetails> sockets = Stages.join(cut.nsp().fetchSockets(BroadcastOptions.ALL), PROMPTLY);
            List<Object> answers = Stages.join(cut.nsp().serverSideEmitWithAck(List.of("q"), TckTimeouts.failFast()), PROMPTLY);
            List<Object> acks = Stages.join(cut.nsp().broadcastWithAck(BroadcastPacket.event("ask"),
                    BroadcastOptions.toRooms("room-a"), TckTimeouts.failFast()), PROMPTLY);

            assertThat(cut.local().received("n1-a")).extracting(BroadcastPacket::event)
                    .as("C20 broadcasts reach local sockets").containsExactly("during", "ask");
            assertThat(cut.local().rooms("n1-a")).as("C20 socketsJoin acts on local sockets").contains("room-down");
            assertThat(sockets).as("C20 fetchSockets answers with the local sockets at once").isEqualTo(cut.local().details());
            assertThat(answers).as("C20 serverSideEmitWithAck asks no unreachable peer").isEmpty();
            assertThat(acks).as("C20 broadcastWithAck gathers the local clients' acknowledgements")
                    .containsExactlyInAnyOrder("ack:n1-a", "ack:n1-ab");
            assertThat(cut.stats().localOnlyOperations()).as("C20 local-only operations are counted")
                    .isGreaterThan(localOnlyBefore);
        }
    }

    @Test
    @DisplayName("C21 after an outage long enough for its peers to drop it, a node announces itself again at once and rejoins the cluster")
    void rejoinsAfterOutage() throws Exception {
        ConnectionCutter cutter = cluster.requireCutter();
        // n1 heartbeats rarely, so that only its announcement after the outage can bring it back within REJOIN
        TestNode cut = cluster.start("n1", b -> b.heartbeatInterval(Duration.ofSeconds(15)).heartbeatTimeout(Duration.ofSeconds(30)));
        List<TestNode> nodes = cluster.meshed(cut, cluster.start("n2", ClusterNodesFixture.SHORT_HEARTBEATS),
                cluster.start("n3", ClusterNodesFixture.SHORT_HEARTBEATS));
        Duration dropped = nodes.get(1).node().options().heartbeatTimeout().plusSeconds(3);

        try (AutoCloseable outage = cutter.cut(cut.transport())) {
            awaitState("C21", cut, LivenessState.DOWN);
            nodes.get(1).awaitPeers("C21 setup", Set.of(nodes.get(2).uid()), dropped);
            nodes.get(2).awaitPeers("C21 setup", Set.of(nodes.get(1).uid()), dropped);
        }
        awaitState("C21", cut, LivenessState.UP);

        nodes.get(1).awaitPeers("C21 peers see the node again", Set.of(nodes.get(0).uid(), nodes.get(2).uid()), REJOIN);
        nodes.get(2).awaitPeers("C21 peers see the node again", Set.of(nodes.get(0).uid(), nodes.get(1).uid()), REJOIN);
        cut.awaitPeers("C21 the node sees its peers again", nodes.get(1), nodes.get(2));
        Stages.join(cut.nsp().broadcast(BroadcastPacket.event("back"), BroadcastOptions.ALL));
        for (TestNode node : nodes) {
            RobustnessRules.awaitEvent("C21 broadcasts from the node reach " + node.name() + " again", node, "back");
        }
        assertThat(Stages.join(nodes.get(1).nsp().fetchSockets(BroadcastOptions.ALL))).extracting(SocketDetails::id)
                .as("C21 requests include the node again").hasSize(12);
    }

    private static void awaitState(String rule, TestNode node, LivenessState state) {
        await(rule + ": the transport of " + node.name() + " reports " + state).atMost(TckTimeouts.delivery())
                .pollInterval(Duration.ofMillis(10)).until(() -> node.transport().liveness().state() == state);
    }
}
