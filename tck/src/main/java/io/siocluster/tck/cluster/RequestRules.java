package io.siocluster.tck.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterTimeoutException;
import io.siocluster.core.protocol.BroadcastFlags;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.core.protocol.Values;
import io.siocluster.tck.Stages;
import io.siocluster.tck.TckTimeouts;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules C12-C16 and C27: requests that every peer answers, and what a caller gets when not every peer does. */
abstract class RequestRules {

    static final Duration SHORT = Duration.ofMillis(500);
    static final byte[] BINARY = {0, 1, 2, (byte) 0x80, (byte) 0xff};

    private final ClusterNodesFixture cluster;

    RequestRules(ClusterNodesFixture cluster) {
        this.cluster = cluster;
    }

    @Test
    @DisplayName("C12 fetchSockets describes the matching sockets of every node (id, handshake, rooms, data; binary data too), its own first")
    void fetchSockets() {
        List<TestNode> nodes = cluster.startThree();
        List<SocketDetails> everyone = nodes.stream().flatMap(n -> n.local().details().stream()).toList();

        List<SocketDetails> all = Stages.join(nodes.get(0).nsp().fetchSockets(BroadcastOptions.ALL));
        List<SocketDetails> inB = Stages.join(nodes.get(1).nsp().fetchSockets(BroadcastOptions.toRooms("room-b")));

        assertThat(all).as("C12 fetchSockets of the whole namespace").containsExactlyInAnyOrderElementsOf(everyone);
        assertThat(all.subList(0, 4)).as("C12 the asking node's sockets come first")
                .containsExactlyElementsOf(nodes.get(0).local().details());
        assertThat(inB).as("C12 fetchSockets of one room")
                .containsExactlyInAnyOrderElementsOf(everyone.stream().filter(s -> s.rooms().contains("room-b")).toList());
    }

    @Test
    @DisplayName("C13 serverSideEmit reaches the handlers of every other node, binary arguments too, and never the sender's")
    void serverSideEmit() {
        List<TestNode> nodes = cluster.startThree();
        List<Object> packet = List.of("news", 1, Map.of("bytes", BINARY), "\u00e9\u65e5");

        Stages.join(nodes.get(0).nsp().serverSideEmit(packet));

        for (TestNode other : nodes.subList(1, 3)) {
            await("C13 serverSideEmit reaches " + other.name()).atMost(TckTimeouts.delivery())
                    .until(() -> other.local().serverSideEvents().size() == 1);
            assertThat(Values.deepEquals(other.local().serverSideEvents().get(0), packet))
                    .as("C13 the event arrives intact on " + other.name()).isTrue();
        }
        await("C13 the sender's own handlers are not called").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                .until(() -> nodes.get(0).local().serverSideEvents().isEmpty());
    }

    @Test
    @DisplayName("C14 serverSideEmitWithAck collects one answer from each other node (binary answers too), none from itself")
    void serverSideEmitWithAck() {
        List<TestNode> nodes = cluster.startThree();
        nodes.get(2).local().answerServerSideEmitWith(packet -> Optional.of(BINARY));

        List<@Nullable Object> answers = Stages.join(nodes.get(0).nsp().serverSideEmitWithAck(List.of("question", 42),
                TckTimeouts.failFast()));

        assertThat(answers).as("C14 one answer from each other node").hasSize(2).contains("answer:n2")
                .anySatisfy(answer -> assertThat(answer).isEqualTo(BINARY));
        assertThat(nodes.get(0).local().serverSideEvents()).as("C14 the sender does not answer itself").isEmpty();
    }

    @Test
    @DisplayName("C15 broadcastWithAck delivers to the matching sockets of every node and gathers every client's acknowledgement")
    void broadcastWithAck() {
        List<TestNode> nodes = cluster.startThree();
        nodes.get(2).local().answerAcksWith((socket, packet) -> Optional.of(socket.endsWith("-ab")
                ? Map.of("from", socket, "bytes", BINARY) : "ack:" + socket));

        List<@Nullable Object> acks = Stages.join(nodes.get(0).nsp().broadcastWithAck(BroadcastPacket.event("ask", 1),
                BroadcastOptions.toRooms("room-a"), TckTimeouts.failFast()));

        assertThat(acks.stream().map(RequestRules::describe).toList()).as("C15 one acknowledgement per matching client")
                .containsExactlyInAnyOrder("ack:n1-a", "ack:n1-ab", "ack:n2-a", "ack:n2-ab", "ack:n3-a",
                        "{bytes=" + Arrays.toString(BINARY) + ", from=n3-ab}");
        for (TestNode node : nodes) {
            assertThat(MixedMessages.contains(node.local().received(node.name() + "-ab"), "ask"))
                    .as("C15 the packet reached the clients of " + node.name()).isTrue();
        }
    }

    @Test
    @DisplayName("C16 fetchSockets that a peer never answers fails after its timeout with ClusterTimeoutException holding the answers that came")
    void fetchSocketsTimesOut() {
        List<TestNode> nodes = cluster.startThree();
        RawPeer ghost = cluster.ghostPeer(nodes);
        BroadcastOptions shortTimeout = BroadcastOptions.ALL.withFlags(BroadcastFlags.builder().timeoutMillis(SHORT.toMillis()).build());

        ClusterTimeoutException timeout = timedOut("C16", nodes.get(0).nsp().fetchSockets(shortTimeout));

        assertThat(timeout.missing()).as("C16 the ghost peer " + ghost.uid() + " is missing").isEqualTo(1);
        assertThat(timeout.partialResults()).as("C16 the sockets of the nodes that answered")
                .containsExactlyInAnyOrderElementsOf(nodes.stream().flatMap(n -> n.local().details().stream()).toList());
    }

    @Test
    @DisplayName("C16 serverSideEmitWithAck that a node leaves unanswered fails with 'timeout reached: missing 1 responses' and the other answers")
    void serverSideEmitWithAckTimesOut() {
        List<TestNode> nodes = cluster.startThree();
        nodes.get(2).local().answerServerSideEmitWith(packet -> Optional.empty());

        ClusterTimeoutException timeout = timedOut("C16", nodes.get(0).nsp().serverSideEmitWithAck(List.of("q"), SHORT));

        assertThat(timeout.getMessage()).as("C16 Socket.IO's message").isEqualTo("timeout reached: missing 1 responses");
        assertThat(timeout.partialResults()).as("C16 the answer that came").containsExactly("answer:n2");
    }

    @Test
    @DisplayName("C16 broadcastWithAck with a client that never acknowledges fails after the timeout with the other acknowledgements")
    void broadcastWithAckTimesOut() {
        List<TestNode> nodes = cluster.startThree();
        nodes.get(1).local().answerAcksWith((socket, packet) -> socket.equals("n2-a") ? Optional.empty() : Optional.of("ack:" + socket));

        ClusterTimeoutException timeout = timedOut("C16", nodes.get(0).nsp().broadcastWithAck(BroadcastPacket.event("ask"),
                BroadcastOptions.toRooms("room-a"), SHORT));

        assertThat(timeout.missing()).as("C16 one acknowledgement is missing").isEqualTo(1);
        assertThat(timeout.partialResults()).as("C16 the acknowledgements that came")
                .containsExactlyInAnyOrder("ack:n1-a", "ack:n1-ab", "ack:n2-ab", "ack:n3-a", "ack:n3-ab");
    }

    @Test
    @DisplayName("C27 no request is left behind: after several acknowledged broadcasts, fetchSockets and serverSideEmitWithAck from every node, no node waits on any")
    void noRequestLeftBehind() {
        List<TestNode> nodes = cluster.startThree();
        for (int i = 0; i < 3; i++) {
            Stages.join(nodes.get(i).nsp().broadcastWithAck(BroadcastPacket.event("ask", i),
                    BroadcastOptions.toRooms("room-b"), TckTimeouts.failFast()));
            Stages.join(nodes.get(i).nsp().fetchSockets(BroadcastOptions.ALL));
            Stages.join(nodes.get(i).nsp().serverSideEmitWithAck(List.of("q", i), TckTimeouts.failFast()));
        }

        for (TestNode node : nodes) {
            await("C27 " + node.name() + " waits on no request").atMost(TckTimeouts.delivery())
                    .until(() -> node.nsp().pendingRequests() == 0);
        }
    }

    static ClusterTimeoutException timedOut(String rule, CompletionStage<?> request) {
        long start = System.nanoTime();
        Throwable failure = Stages.failureOf(rule, request, TckTimeouts.failFast());
        assertThat(failure).as(rule + ": the request fails with ClusterTimeoutException").isInstanceOf(ClusterTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(rule + ": not before its timeout")
                .isGreaterThanOrEqualTo(SHORT.minusMillis(50));
        return (ClusterTimeoutException) failure;
    }

    private static String describe(@Nullable Object ack) {
        if (ack instanceof Map<?, ?> map) {
            return "{bytes=" + Arrays.toString((byte[]) map.get("bytes")) + ", from=" + map.get("from") + "}";
        }
        return String.valueOf(ack);
    }
}
