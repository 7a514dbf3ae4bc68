package io.siocluster.interop;

import static io.siocluster.interop.harness.ValueAssertions.assertSameValues;
import static io.siocluster.interop.harness.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.interop.harness.AckResult;
import io.siocluster.interop.harness.JavaNode;
import io.siocluster.interop.harness.NodeClients;
import io.siocluster.interop.harness.NodeClients.Connection;
import io.siocluster.interop.harness.NodeHarness;
import io.siocluster.interop.harness.NodeServer;
import io.siocluster.interop.harness.RedisEnvironment;
import io.siocluster.interop.harness.SocketView;
import io.siocluster.interop.harness.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two Java nodes ({@code WireFormat.REDIS_STREAMS} over the Redis transport, which offers pub/sub) and one Node.js
 * server ({@code @socket.io/redis-streams-adapter} 0.3.1) on one stream and its pub/sub channels: what Node sends over
 * Redis pub/sub (broadcasts with acks, serverSideEmit, fetchSockets, their responses) and its {@code serverCount()}
 * ({@code PUBSUB NUMSUB}). Java A has a-red (room red), Java B b-blue (room blue); Node has n-red and n-blue.
 */
@DisplayName("Java and Node servers share requests, responses and serverCount over Redis pub/sub")
class RedisPubSubInteropTest {

    @RegisterExtension
    static final NodeHarness NODE = new NodeHarness();

    private static final Map<String, Object> ANN = Map.of("user", "ann");
    private static final Map<String, Object> JIM = Map.of("user", "jim", "tags", List.of("a", "b"));

    private static String stream;
    private static NodeServer server;
    private static NodeClients clients;
    private static JavaNode javaA;
    private static JavaNode javaB;

    @BeforeAll
    static void startCluster() {
        Assumptions.assumeTrue(RedisEnvironment.reachable(), "no Redis at " + RedisEnvironment.url() + " (SIO_REDIS_URL)");
        stream = "sio-pubsub-" + UUID.randomUUID().toString().substring(0, 8);
        server = NODE.startRedisServer(RedisEnvironment.url(), "node-pubsub", stream);
        javaA = JavaNode.onRedis("java-a", RedisEnvironment.url(), stream);
        javaB = JavaNode.onRedis("java-b", RedisEnvironment.url(), stream);
        javaA.connect("a-red", JIM, "red");
        javaB.connect("b-blue", null, "blue");
        javaB.local().answerServerSideEmitWith(packet -> Optional.of("java-b"));
        clients = NODE.startClients("clients-pubsub");
        clients.connect(Connection.websocket("n-red", server.url()).rooms("red").data(ANN));
        clients.connect(Connection.polling("n-blue", server.url()).rooms("blue"));
        eventually().until(() -> server.serverCount() == 3 && javaA.serverCount() == 3 && javaB.serverCount() == 3);
    }

    @AfterAll
    static void stop() {
        for (JavaNode node : new JavaNode[] {javaA, javaB}) {
            if (node != null) {
                node.close();
            }
        }
        if (stream != null) {
            RedisEnvironment.deleteKeys(stream);
        }
    }

    @Test
    @DisplayName("serverCount is 3 (2 Java + 1 Node) on every server: the subscribers of the public channel")
    void serverCount() {
        assertThat(server.serverCount()).as("Node").isEqualTo(3);
        assertThat(javaA.serverCount()).as("Java A").isEqualTo(3);
        assertThat(javaB.serverCount()).as("Java B").isEqualTo(3);
    }

    @Nested
    @DisplayName("broadcast with acks")
    class BroadcastWithAcks {

        @Test
        @DisplayName("from Java collects the answers of the JS clients and of both Java nodes' sockets")
        void fromJava() {
            List<@Nullable Object> acks = javaA.namespace()
                    .broadcastWithAck(BroadcastPacket.event("j-ack", "question"), BroadcastOptions.ALL, Duration.ofSeconds(5))
                    .toCompletableFuture().join();

            assertThat(acks).containsExactlyInAnyOrder("n-red", "n-blue", "java:a-red", "java:b-blue");
            assertThat(clients.received("n-blue", "j-ack").get(0).withAck()).isTrue();
        }

        @Test
        @DisplayName("from Node collects the answers of its clients and of both Java nodes' sockets")
        void fromNode() {
            AckResult result = server.emitWithAck(Target.all(), Duration.ofSeconds(5), "n-ack", "question");

            assertThat(result.error()).isNull();
            assertThat(result.responses()).containsExactlyInAnyOrder("n-red", "n-blue", "java:a-red", "java:b-blue");
            assertThat(javaB.local().delivered("b-blue", "n-ack").get(0).withAck()).isTrue();
        }

        @Test
        @DisplayName("to one room, from either side, counts only that room's sockets")
        void toRoom() {
            List<@Nullable Object> fromJava = javaB.namespace()
                    .broadcastWithAck(BroadcastPacket.event("j-ack-red"), BroadcastOptions.toRooms("red"), Duration.ofSeconds(5))
                    .toCompletableFuture().join();
            AckResult fromNode = server.emitWithAck(Target.to("blue"), Duration.ofSeconds(5), "n-ack-blue");

            assertThat(fromJava).containsExactlyInAnyOrder("n-red", "java:a-red");
            assertThat(fromNode.error()).isNull();
            assertThat(fromNode.responses()).containsExactlyInAnyOrder("n-blue", "java:b-blue");
        }
    }

    @Nested
    @DisplayName("fetchSockets")
    class FetchSockets {

        @Test
        @DisplayName("from Java sees the Node server's clients and the other Java node's sockets, with rooms and data")
        void fromJava() {
            Map<String, SocketDetails> sockets = javaB.namespace().fetchSockets(BroadcastOptions.ALL)
                    .toCompletableFuture().join().stream()
                    .collect(Collectors.toMap(SocketDetails::id, Function.identity()));

            String red = clients.id("n-red");
            assertThat(sockets).containsOnlyKeys("a-red", "b-blue", red, clients.id("n-blue"));
            assertThat(sockets.get(red).rooms()).containsExactlyInAnyOrder(red, "red");
            assertSameValues(sockets.get(red).data(), ANN);
            assertSameValues(sockets.get("a-red").data(), JIM);
        }

        @Test
        @DisplayName("from Node sees both Java nodes' sockets, with their rooms and data")
        void fromNode() {
            Map<String, SocketView> sockets = server.fetchSockets(Target.all()).stream()
                    .collect(Collectors.toMap(SocketView::id, Function.identity()));

            assertThat(sockets).containsOnlyKeys("a-red", "b-blue", clients.id("n-red"), clients.id("n-blue"));
            assertThat(sockets.get("a-red").rooms()).containsExactlyInAnyOrder("a-red", "red");
            assertSameValues(sockets.get("a-red").data(), JIM);
        }

        @Test
        @DisplayName("in a room, from either side, finds only that room's sockets")
        void inRoom() {
            List<SocketDetails> fromJava = javaA.namespace().fetchSockets(BroadcastOptions.toRooms("blue"))
                    .toCompletableFuture().join();
            List<SocketView> fromNode = server.fetchSockets(Target.to("red"));

            assertThat(fromJava).extracting(SocketDetails::id).containsExactlyInAnyOrder("b-blue", clients.id("n-blue"));
            assertThat(fromNode).extracting(SocketView::id).containsExactlyInAnyOrder("a-red", clients.id("n-red"));
        }
    }

    @Nested
    @DisplayName("serverSideEmit")
    class ServerSideEmit {

        @Test
        @DisplayName("without ack from Node reaches both Java nodes' applications once")
        void fromNode() {
            server.serverSideEmit("sse-from-node", "x", List.of(1, 2));

            eventually().untilAsserted(() -> {
                assertThat(javaA.local().serverSideEvents("sse-from-node")).hasSize(1);
                assertThat(javaB.local().serverSideEvents("sse-from-node")).hasSize(1);
            });
            assertSameValues(javaA.local().serverSideEvents("sse-from-node").get(0).args(), List.of("x", List.of(1, 2)));
            assertThat(javaA.local().serverSideEvents("sse-from-node").get(0).withAck()).isFalse();
        }

        @Test
        @DisplayName("without ack from Java reaches the Node server's handler and the other Java node, not itself")
        void fromJava() {
            server.onServerSideEmit("sse-from-java", null);

            javaA.namespace().serverSideEmit(List.of("sse-from-java", "a", 1)).toCompletableFuture().join();

            eventually().untilAsserted(() -> {
                assertThat(server.serverSideCalls("sse-from-java")).hasSize(1);
                assertThat(javaB.local().serverSideEvents("sse-from-java")).hasSize(1);
            });
            assertSameValues(server.serverSideCalls("sse-from-java").get(0).args(), List.of("a", 1));
            assertThat(javaA.local().serverSideEvents("sse-from-java")).isEmpty();
        }

        @Test
        @DisplayName("serverSideEmitWithAck from Java gets one answer from Node and one from the other Java node")
        void withAckFromJava() {
            server.onServerSideEmit("sse-ack-from-java", Map.of("answer", "from node"));

            List<@Nullable Object> answers = javaA.namespace()
                    .serverSideEmitWithAck(List.of("sse-ack-from-java", "question"), Duration.ofSeconds(5))
                    .toCompletableFuture().join();

            assertThat(answers).hasSize(2).contains("java-b");
            assertThat(answers).anySatisfy(answer -> assertSameValues(answer, Map.of("answer", "from node")));
            assertThat(server.serverSideCalls("sse-ack-from-java")).singleElement()
                    .satisfies(call -> assertThat(call.withAck()).isTrue());
        }

        @Test
        @DisplayName("serverSideEmitWithAck from Node gets one answer from each Java node")
        void withAckFromNode() {
            AckResult result = server.serverSideEmitWithAck("sse-ack-from-node", "question");

            assertThat(result.error()).isNull();
            assertThat(result.responses()).containsExactlyInAnyOrder("java-server", "java-b");
            assertThat(javaA.local().serverSideEvents("sse-ack-from-node").get(0).withAck()).isTrue();
        }

        @Test
        @DisplayName("binary arguments and answers cross both ways")
        void binary() {
            byte[] question = {1, 2, 3};
            byte[] answer = {(byte) 0xca, (byte) 0xfe};
            server.onServerSideEmit("sse-binary", answer);
            javaA.local().answerServerSideEmitWith(packet -> Optional.ofNullable("sse-echo".equals(packet.get(0))
                    ? packet.get(1) : "java-server"));

            List<@Nullable Object> fromNode = javaB.namespace()
                    .serverSideEmitWithAck(List.of("sse-binary", question), Duration.ofSeconds(5))
                    .toCompletableFuture().join();
            AckResult toJava = server.serverSideEmitWithAck("sse-echo", (Object) question);

            assertThat(fromNode).hasSize(2).anySatisfy(value -> assertSameValues(value, answer));
            assertSameValues(server.serverSideCalls("sse-binary").get(0).args(), List.of(question));
            assertThat(toJava.responses()).hasSize(2).anySatisfy(value -> assertSameValues(value, question));
        }
    }
}
