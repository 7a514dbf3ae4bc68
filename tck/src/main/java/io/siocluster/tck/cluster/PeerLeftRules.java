package io.siocluster.tck.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.protocol.AdapterClose;
import io.siocluster.core.protocol.BroadcastFlags;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.Heartbeat;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.tck.Stages;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rule C17: a request waits for no peer that has left, whether it said goodbye or went silent. */
abstract class PeerLeftRules {

    /** Far longer than any of these tests may take: completing before it proves the early completion. */
    private static final Duration LONG = Duration.ofSeconds(20);
    private static final Duration EARLY = Duration.ofSeconds(5);

    private final ClusterNodesFixture cluster;

    PeerLeftRules(ClusterNodesFixture cluster) {
        this.cluster = cluster;
    }

    @Test
    @DisplayName("C17 a pending fetchSockets completes with every other answer as soon as the peer it waits for says goodbye")
    void goodbyeCompletesRequest() {
        List<TestNode> nodes = cluster.startThree();
        RawPeer ghost = cluster.ghostPeer(nodes);
        CompletionStage<List<SocketDetails>> fetch = nodes.get(0).nsp().fetchSockets(
                BroadcastOptions.ALL.withFlags(BroadcastFlags.builder().timeoutMillis(LONG.toMillis()).build()));

        ghost.send(AdapterClose.INSTANCE);

        assertThat(Stages.join(fetch, EARLY)).as("C17 every node's sockets, without waiting for the departed peer")
                .containsExactlyInAnyOrderElementsOf(nodes.stream().flatMap(n -> n.local().details().stream()).toList());
    }

    @Test
    @DisplayName("C17 a pending serverSideEmitWithAck completes once the silent peer it waits for is dropped by heartbeat timeout")
    void silencedPeerCompletesRequest() {
        List<TestNode> nodes = cluster.startThree(ClusterNodesFixture.SHORT_HEARTBEATS);
        RawPeer ghost = cluster.ghostPeer(nodes);
        ghost.send(Heartbeat.INSTANCE); // its last sign of life: the request below starts well within its timeout
        CompletionStage<List<Object>> answers = nodes.get(0).nsp().serverSideEmitWithAck(List.of("q"), LONG);

        assertThat(Stages.join(answers, EARLY)).as("C17 the two real nodes' answers, without the silent peer's")
                .containsExactlyInAnyOrder("answer:n2", "answer:n3");
    }

    @Test
    @DisplayName("C17 a pending serverSideEmitWithAck completes when a node that has not answered closes")
    void closingNodeCompletesRequest() {
        List<TestNode> nodes = cluster.startThree();
        nodes.get(2).local().answerServerSideEmitWith(packet -> Optional.empty());
        CompletionStage<List<Object>> answers = nodes.get(0).nsp().serverSideEmitWithAck(List.of("q"), LONG);
        await("setup: n3 got the question").atMost(EARLY)
                .until(() -> nodes.get(2).local().serverSideEvents().size() == 1);

        nodes.get(2).node().close();

        assertThat(Stages.join(answers, EARLY)).as("C17 the answer of the node that stayed").containsExactly("answer:n2");
    }
}
