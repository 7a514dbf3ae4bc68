package io.siocluster.tck.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.MessageType;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.tck.Stages;
import io.siocluster.tck.TckTimeouts;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules C7-C11: who is in the cluster, from heartbeats and goodbyes. */
abstract class MembershipRules {

    /** How much later than its heartbeatTimeout a crashed peer may still be counted: the expiry check runs each second. */
    private static final Duration EXPIRY_SLACK = Duration.ofMillis(2_500);

    private final ClusterNodesFixture cluster;

    MembershipRules(ClusterNodesFixture cluster) {
        this.cluster = cluster;
    }

    @Test
    @DisplayName("C7 nodes that join see each other: each has the two others as peers and a serverCount of 3")
    void joinIsSeen() {
        List<TestNode> nodes = cluster.startThree();

        for (TestNode node : nodes) {
            assertThat(node.uid()).as("C7 a node's uid is 16 hex digits, as Node's").matches("[0-9a-f]{16}");
            assertThat(node.nsp().peers()).as("C7 peers of " + node.name())
                    .containsExactlyInAnyOrderElementsOf(nodes.stream().filter(n -> n != node).map(TestNode::uid).toList());
            assertThat(Stages.join(node.nsp().serverCount())).as("C7 serverCount on " + node.name()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("C8 nodes that say nothing keep each other alive with heartbeats (200 ms heartbeats, 600 ms timeout, 2 s quiet)")
    void heartbeatsKeepPeersAlive() {
        List<TestNode> nodes = cluster.startThree(ClusterNodesFixture.SHORT_HEARTBEATS);

        await("C8 no peer is dropped while every node is alive").during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> nodes.stream().allMatch(node -> node.nsp().peers().size() == 2));
    }

    @Test
    @DisplayName("C8 a node is heard from again at most about heartbeatInterval after it last sent, even when it sent between heartbeats")
    void heardWithinInterval() {
        Duration interval = Duration.ofMillis(500);
        List<TestNode> nodes = cluster.startThree(b -> b.heartbeatInterval(interval).heartbeatTimeout(interval.multipliedBy(3)));
        String n1 = nodes.get(0).uid();
        ChannelTap tap = cluster.tap();
        Duration longest = Duration.ZERO;

        ChannelTap.Heard cursor = null;
        for (int round = 0; round < 2; round++) {
            ChannelTap.Heard beat = tap.awaitNext("C8 setup: a heartbeat of n1", cursor,
                    h -> h.uid().equals(n1) && h.type() == MessageType.HEARTBEAT);
            // half way between two heartbeats: the least convenient moment for a heartbeat timer
            CompletableFuture.runAsync(() -> nodes.get(0).nsp().broadcast(BroadcastPacket.event("between"),
                    BroadcastOptions.toRooms("nobody")), CompletableFuture.delayedExecutor(interval.toMillis() / 2,
                    TimeUnit.MILLISECONDS));
            ChannelTap.Heard between = tap.awaitNext("C8 the message n1 sent between heartbeats", beat,
                    h -> h.uid().equals(n1) && h.type() == MessageType.BROADCAST);
            ChannelTap.Heard next = tap.awaitNext("C8 n1 is heard again", between, h -> h.uid().equals(n1));
            Duration silence = Duration.ofNanos(next.nanos() - between.nanos());
            longest = silence.compareTo(longest) > 0 ? silence : longest;
            cursor = next;
        }

        assertThat(longest).as("C8 the longest silence of n1 after a message (heartbeatInterval " + interval + ")")
                .isLessThanOrEqualTo(interval.multipliedBy(13).dividedBy(10));
    }

    @Test
    @DisplayName("C9 a node that crashes (transport gone, no goodbye) is dropped by its peers after heartbeatTimeout")
    void crashedNodeIsDropped() {
        List<TestNode> nodes = cluster.startThree(ClusterNodesFixture.SHORT_HEARTBEATS);
        TestNode crashed = nodes.get(2);
        Duration timeout = crashed.node().options().heartbeatTimeout();
        long start = System.nanoTime();

        crashed.transport().close();

        for (TestNode survivor : nodes.subList(0, 2)) {
            TestNode other = survivor == nodes.get(0) ? nodes.get(1) : nodes.get(0);
            survivor.awaitPeers("C9", Set.of(other.uid()), timeout.plus(EXPIRY_SLACK));
            assertThat(Stages.join(survivor.nsp().serverCount())).as("C9 serverCount on " + survivor.name()).isEqualTo(2);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("C9 a crashed peer is not dropped before its "
                + "heartbeats could have stopped").isGreaterThanOrEqualTo(timeout.minus(crashed.node().options().heartbeatInterval()));
    }

    @Test
    @DisplayName("C10 a node that closes says goodbye (ADAPTER_CLOSE) and is dropped at once, long before heartbeatTimeout")
    void closedNodeIsDroppedAtOnce() {
        List<TestNode> nodes = cluster.startThree();
        Duration atOnce = Duration.ofSeconds(3); // the heartbeatTimeout is Node's 10 s
        assertThat(nodes.get(0).node().options().heartbeatTimeout()).isGreaterThan(atOnce.multipliedBy(2));

        nodes.get(2).node().close();

        nodes.get(0).awaitPeers("C10", Set.of(nodes.get(1).uid()), atOnce);
        nodes.get(1).awaitPeers("C10", Set.of(nodes.get(0).uid()), atOnce);
        assertThat(Stages.join(nodes.get(0).nsp().serverCount())).as("C10 serverCount after the close").isEqualTo(2);
    }

    @Test
    @DisplayName("C11 requests made as a node starts, and right after ready(), include the peers already running")
    void startupIncludesRunningPeers() {
        TestNode n1 = cluster.start("n1");
        TestNode n2 = cluster.start("n2");
        Stages.join(n1.nsp().ready());
        Stages.join(n2.nsp().ready());
        n1.awaitPeers("C11 setup", n2);
        n2.awaitPeers("C11 setup", n1);

        TestNode n3 = cluster.start("n3");
        CompletionStage<List<SocketDetails>> early = n3.nsp().fetchSockets(BroadcastOptions.ALL);
        Stages.join(n3.nsp().ready());
        CompletionStage<Integer> count = n3.nsp().serverCount();
        CompletionStage<List<SocketDetails>> sockets = n3.nsp().fetchSockets(BroadcastOptions.ALL);
        CompletionStage<List<Object>> answers = n3.nsp().serverSideEmitWithAck(List.of("hello"), TckTimeouts.failFast());

        assertThat(Stages.join(count)).as("C11 serverCount right after ready()").isEqualTo(3);
        List<String> expected = List.of(n1, n2, n3).stream().flatMap(n -> n.local().socketIds().stream()).toList();
        assertThat(Stages.join(sockets)).extracting(SocketDetails::id).as("C11 fetchSockets right after ready()")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Stages.join(early)).extracting(SocketDetails::id).as("C11 fetchSockets called before ready()")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Stages.join(answers)).as("C11 serverSideEmitWithAck right after ready()")
                .containsExactlyInAnyOrder("answer:n1", "answer:n2");
    }
}
