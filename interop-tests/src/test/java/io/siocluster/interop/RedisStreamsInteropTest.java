package io.siocluster.interop;

import static io.siocluster.interop.harness.ValueAssertions.assertSameValues;
import static io.siocluster.interop.harness.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.emitter.Emitter;
import io.siocluster.core.emitter.EmitterOptions;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.wire.WireFormat;
import io.siocluster.interop.harness.JavaNode;
import io.siocluster.interop.harness.NodeClients;
import io.siocluster.interop.harness.NodeClients.Connection;
import io.siocluster.interop.harness.NodeHarness;
import io.siocluster.interop.harness.NodeServer;
import io.siocluster.interop.harness.RedisEnvironment;
import io.siocluster.interop.harness.SocketView;
import io.siocluster.interop.harness.Target;
import io.siocluster.spi.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One Node.js server (socket.io 4.8 + {@code @socket.io/redis-streams-adapter} 0.3.1 on the {@code redis} 4.7 client)
 * with real JS clients, and one Java node with fake sockets speaking {@code WireFormat.REDIS_STREAMS}, on one Redis
 * stream of this class's own. Rooms: {@code red} (n-red over websocket, j-red), {@code blue} (n-blue over polling,
 * j-blue), and n-none in no room. What travels over Redis pub/sub (requests, responses, serverCount) is covered by
 * {@link RedisPubSubInteropTest}.
 */
@DisplayName("Java and Node servers on one Redis stream (redis-streams-adapter)")
class RedisStreamsInteropTest {

    @RegisterExtension
    static final NodeHarness NODE = new NodeHarness();

    private static final List<String> NODE_CLIENTS = List.of("n-red", "n-blue", "n-none");
    private static final List<String> JAVA_SOCKETS = List.of("j-red", "j-blue");

    private static String stream;
    private static NodeServer server;
    private static NodeClients clients;
    private static JavaNode java;

    @BeforeAll
    static void startCluster() {
        Assumptions.assumeTrue(RedisEnvironment.reachable(), "no Redis at " + RedisEnvironment.url() + " (SIO_REDIS_URL)");
        stream = "sio-interop-" + UUID.randomUUID().toString().substring(0, 8);
        server = NODE.startRedisServer(RedisEnvironment.url(), "node-redis", stream);
        java = JavaNode.onRedis("java-redis", RedisEnvironment.url(), stream);
        java.connect("j-red", null, "red");
        java.connect("j-blue", null, "blue");
        clients = NODE.startClients("clients-redis");
        clients.connect(Connection.websocket("n-red", server.url()).rooms("red"));
        clients.connect(Connection.polling("n-blue", server.url()).rooms("blue"));
        clients.connect(Connection.websocket("n-none", server.url()));
        // Each side's first broadcast proves the other reads the stream by now (Node reads from "$").
        everyoneGets(() -> javaEmit(BroadcastOptions.ALL, "j-hello"), "j-hello");
        everyoneGets(() -> server.emit(Target.all(), "n-hello"), "n-hello");
    }

    @AfterAll
    static void stopJava() {
        if (java != null) {
            java.close();
        }
        if (stream != null) {
            RedisEnvironment.deleteKeys(stream);
        }
    }

    @Nested
    @DisplayName("from a Node server")
    class FromNode {

        @Test
        @DisplayName("io.emit reaches every socket of the Java node, with its arguments intact")
        void toAll() {
            List<Object> args = List.of("hello", 42, 1.5, true, Map.of("nested", List.of(1, "two", Map.of("k", "v"))));
            server.emit(Target.all(), "n-all", args.toArray());

            eventually().untilAsserted(() -> assertThat(java.local().receivers("n-all"))
                    .containsExactlyInAnyOrderElementsOf(JAVA_SOCKETS));
            assertSameValues(java.local().delivered("j-red", "n-all").get(0).args(), args);
        }

        @Test
        @DisplayName("io.to(room) and io.except(room) reach exactly the matching Java sockets")
        void rooms() {
            server.emit(Target.to("red"), "n-red-only", 1);
            server.emit(Target.except("red"), "n-not-red", 2);
            everyoneGets(() -> server.emit(Target.all(), "n-marker-1"), "n-marker-1");

            assertThat(java.local().receivers("n-red-only")).containsExactly("j-red");
            assertThat(java.local().receivers("n-not-red")).containsExactly("j-blue");
            assertThat(clients.receivers("n-red-only")).containsExactly("n-red");
        }

        @Test
        @DisplayName("a JS client's socket.broadcast.emit reaches the Java sockets and the other clients, not the sender")
        void socketBroadcast() {
            clients.emit("n-red", "relay", "n-relayed", "from n-red");
            everyoneGets(() -> server.emit(Target.all(), "n-marker-2"), "n-marker-2");

            assertThat(java.local().receivers("n-relayed")).containsExactlyInAnyOrderElementsOf(JAVA_SOCKETS);
            assertThat(clients.receivers("n-relayed")).containsExactlyInAnyOrder("n-blue", "n-none");
        }

        @Test
        @DisplayName("binary arguments, nested too (base64 msgpack in the entry), reach the Java node byte for byte")
        void binary() {
            byte[] bytes = {0, 1, 2, (byte) 255};
            List<Object> args = List.of(bytes, Map.of("nested", List.of("deep".getBytes(StandardCharsets.UTF_8))), "text");
            server.emit(Target.all(), "n-binary", args.toArray());

            eventually().untilAsserted(() -> assertThat(java.local().receivers("n-binary"))
                    .containsExactlyInAnyOrderElementsOf(JAVA_SOCKETS));
            assertSameValues(java.local().delivered("j-red", "n-binary").get(0).args(), args);
        }

        @Test
        @DisplayName("socketsJoin, socketsLeave and disconnectSockets change the Java node's sockets")
        void remoteSockets() {
            server.socketsJoin(Target.to("blue"), "yellow");
            eventually().untilAsserted(() -> assertThat(javaRooms("j-blue")).contains("yellow"));
            assertThat(javaRooms("j-red")).doesNotContain("yellow");

            server.socketsLeave(Target.to("yellow"), "yellow");
            eventually().untilAsserted(() -> assertThat(javaRooms("j-blue")).doesNotContain("yellow"));

            java.connect("j-doomed", null, "doomed-java");
            server.disconnectSockets(Target.to("doomed-java"), true);
            eventually().untilAsserted(() -> assertThat(java.local().socketIds()).doesNotContain("j-doomed"));
            assertThat(java.local().socketIds()).contains("j-red", "j-blue");
        }
    }

    @Nested
    @DisplayName("from a Java node")
    class FromJava {

        @Test
        @DisplayName("a broadcast to all reaches Node's websocket and polling clients, with its arguments intact")
        void toAll() {
            List<Object> args = List.of("hello", 42, 1.5, false, Map.of("nested", List.of(1, "two")));
            javaEmit(BroadcastOptions.ALL, "j-all", args.toArray());

            eventually().untilAsserted(() -> assertThat(clients.receivers("j-all"))
                    .containsExactlyInAnyOrderElementsOf(NODE_CLIENTS));
            assertSameValues(clients.received("n-blue", "j-all").get(0).args(), args);
            assertThat(java.local().receivers("j-all")).containsExactlyInAnyOrderElementsOf(JAVA_SOCKETS);
        }

        @Test
        @DisplayName("broadcasts to a room and except a room reach exactly the matching JS clients")
        void rooms() {
            javaEmit(BroadcastOptions.toRooms("red"), "j-red-only");
            javaEmit(BroadcastOptions.ALL.withExcept("red"), "j-not-red");
            everyoneGets(() -> javaEmit(BroadcastOptions.ALL, "j-marker-1"), "j-marker-1");

            assertThat(clients.receivers("j-red-only")).containsExactly("n-red");
            assertThat(clients.receivers("j-not-red")).containsExactlyInAnyOrder("n-blue", "n-none");
            assertThat(java.local().receivers("j-red-only")).containsExactly("j-red");
        }

        @Test
        @DisplayName("binary arguments, nested too, reach websocket and polling clients byte for byte")
        void binary() {
            byte[] bytes = {0, 1, 2, (byte) 255};
            List<Object> args = List.of(bytes, Map.of("nested", List.of("deep".getBytes(StandardCharsets.UTF_8))), "text");
            javaEmit(BroadcastOptions.ALL, "j-binary", args.toArray());

            eventually().untilAsserted(() -> assertThat(clients.receivers("j-binary"))
                    .containsExactlyInAnyOrderElementsOf(NODE_CLIENTS));
            assertSameValues(clients.received("n-red", "j-binary").get(0).args(), args);
            assertSameValues(clients.received("n-blue", "j-binary").get(0).args(), args);
        }

        @Test
        @DisplayName("socketsJoin and socketsLeave change the rooms of the Node server's sockets")
        void remoteSockets() {
            java.namespace().socketsJoin(BroadcastOptions.toRooms("red"), List.of("green")).toCompletableFuture().join();
            eventually().untilAsserted(() -> assertThat(nodeRooms("n-red")).contains("green"));
            assertThat(nodeRooms("n-blue")).doesNotContain("green");

            java.namespace().socketsLeave(BroadcastOptions.toRooms("green"), List.of("green")).toCompletableFuture().join();
            eventually().untilAsserted(() -> assertThat(nodeRooms("n-red")).doesNotContain("green"));
        }

        @Test
        @DisplayName("serverSideEmit (without ack) reaches the Node server's handler")
        void serverSideEmit() {
            server.onServerSideEmit("sse-from-java", null);
            java.namespace().serverSideEmit(List.of("sse-from-java", "a", 1)).toCompletableFuture().join();

            eventually().untilAsserted(() -> assertThat(server.serverSideCalls("sse-from-java")).hasSize(1));
            assertSameValues(server.serverSideCalls("sse-from-java").get(0).args(), List.of("a", 1));
        }
    }

    @Nested
    @DisplayName("from the Java emitter")
    class FromEmitter {

        @Test
        @DisplayName("an emitter with wire format REDIS_STREAMS reaches JS clients and Java sockets, rooms and binary kept")
        void emitterReachesBoth() {
            try (Transport transport = JavaNode.redisTransport("emitter-redis", RedisEnvironment.url())) {
                Emitter emitter = Emitter.create(transport,
                        EmitterOptions.builder().channelPrefix(stream).wireFormat(WireFormat.REDIS_STREAMS).build());
                byte[] bytes = {7, 8, 9};
                emitter.to("red").emit("e-red", "x", bytes).toCompletableFuture().join();
                emitter.emit("e-marker").toCompletableFuture().join();

                eventually().untilAsserted(() -> {
                    assertThat(clients.receivers("e-marker")).containsExactlyInAnyOrderElementsOf(NODE_CLIENTS);
                    assertThat(java.local().receivers("e-marker")).containsExactlyInAnyOrderElementsOf(JAVA_SOCKETS);
                });
                assertThat(clients.receivers("e-red")).containsExactly("n-red");
                assertThat(java.local().receivers("e-red")).containsExactly("j-red");
                assertSameValues(clients.received("n-red", "e-red").get(0).args(), List.of("x", bytes));
            }
        }
    }

    private static void javaEmit(BroadcastOptions opts, String event, @Nullable Object... args) {
        java.namespace().broadcast(BroadcastPacket.event(event, args), opts).toCompletableFuture().join();
    }

    /** Sends a marker from the same sender and waits until every socket has it: a sender's order is kept. */
    private static void everyoneGets(Runnable sendMarker, String marker) {
        sendMarker.run();
        eventually().untilAsserted(() -> {
            assertThat(clients.receivers(marker)).containsExactlyInAnyOrderElementsOf(NODE_CLIENTS);
            assertThat(java.local().receivers(marker)).containsExactlyInAnyOrderElementsOf(JAVA_SOCKETS);
        });
    }

    private static List<String> nodeRooms(String client) {
        String id = clients.id(client);
        return server.localSockets("/").stream().filter(s -> s.id().equals(id)).findFirst()
                .map(SocketView::rooms).orElseThrow();
    }

    private static Set<String> javaRooms(String id) {
        return java.local().rooms(id);
    }
}
