package io.siocluster.interop;

import static io.siocluster.interop.harness.ValueAssertions.assertSameValues;
import static io.siocluster.interop.harness.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.interop.harness.AckResult;
import io.siocluster.interop.harness.ClusterNames;
import io.siocluster.interop.harness.JavaNode;
import io.siocluster.interop.harness.NodeClients;
import io.siocluster.interop.harness.NodeClients.Connection;
import io.siocluster.interop.harness.NodeHarness;
import io.siocluster.interop.harness.NodeServer;
import io.siocluster.interop.harness.Target;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One Node.js server (socket.io 4.8 + postgres-adapter 0.5.0) with real JS clients, one Java node with fake
 * sockets, on one PostgreSQL. Rooms: {@code red} (n-red over websocket, j-red), {@code blue} (n-blue over
 * polling, j-blue), and n-none in no room.
 */
@ExtendWith(PostgresExtension.class)
@DisplayName("Broadcasts between Java and Node servers")
class BroadcastInteropTest {

    @RegisterExtension
    static final NodeHarness NODE = new NodeHarness();

    private static final List<String> NODE_CLIENTS = List.of("n-red", "n-blue", "n-none");
    private static final List<String> JAVA_SOCKETS = List.of("j-red", "j-blue");

    private static NodeServer server;
    private static NodeClients clients;
    private static JavaNode java;

    @BeforeAll
    static void startCluster(PostgresDatabase db) {
        ClusterNames names = ClusterNames.create(db, "broadcast");
        server = NODE.startServer(db, names.nodeServer("node-broadcast"));
        java = JavaNode.start("java-broadcast", db, names);
        java.connect("j-red", null, "red");
        java.connect("j-blue", null, "blue");
        clients = NODE.startClients("clients-broadcast");
        clients.connect(Connection.websocket("n-red", server.url()).rooms("red"));
        clients.connect(Connection.polling("n-blue", server.url()).rooms("blue"));
        clients.connect(Connection.websocket("n-none", server.url()));
        eventually().until(() -> server.serverCount() == 2 && java.serverCount() == 2);
    }

    @AfterAll
    static void stopJava() {
        if (java != null) {
            java.close();
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
            eventually().untilAsserted(() -> assertThat(clients.receivers("n-all"))
                    .containsExactlyInAnyOrderElementsOf(NODE_CLIENTS));
        }

        @Test
        @DisplayName("io.to(room) reaches only the Java sockets in that room")
        void toRoom() {
            server.emit(Target.to("red"), "n-red-only", 1);
            everyoneGets(() -> server.emit(Target.all(), "n-marker-1"), "n-marker-1");

            assertThat(java.local().receivers("n-red-only")).containsExactly("j-red");
            assertThat(clients.receivers("n-red-only")).containsExactly("n-red");
        }

        @Test
        @DisplayName("io.except(room) leaves out the Java sockets in that room")
        void exceptRoom() {
            server.emit(Target.except("red"), "n-not-red", 1);
            everyoneGets(() -> server.emit(Target.all(), "n-marker-2"), "n-marker-2");

            assertThat(java.local().receivers("n-not-red")).containsExactly("j-blue");
            assertThat(clients.receivers("n-not-red")).containsExactlyInAnyOrder("n-blue", "n-none");
        }

        @Test
        @DisplayName("a JS client's socket.broadcast.emit reaches the Java sockets and the other clients, not the sender")
        void socketBroadcast() {
            clients.emit("n-red", "relay", "n-relayed", "from n-red");
            everyoneGets(() -> server.emit(Target.all(), "n-marker-3"), "n-marker-3");

            assertThat(java.local().receivers("n-relayed")).containsExactlyInAnyOrderElementsOf(JAVA_SOCKETS);
            assertSameValues(java.local().delivered("j-blue", "n-relayed").get(0).args(), List.of("from n-red"));
            assertThat(clients.receivers("n-relayed")).containsExactlyInAnyOrder("n-blue", "n-none");
        }

        @Test
        @DisplayName("binary arguments, nested too, reach the Java node byte for byte")
        void binary() {
            byte[] bytes = {0, 1, 2, (byte) 255};
            List<Object> args = List.of(bytes, Map.of("nested", List.of("deep".getBytes(StandardCharsets.UTF_8))), "text");
            server.emit(Target.all(), "n-binary", args.toArray());

            eventually().untilAsserted(() -> assertThat(java.local().receivers("n-binary"))
                    .containsExactlyInAnyOrderElementsOf(JAVA_SOCKETS));
            assertSameValues(java.local().delivered("j-red", "n-binary").get(0).args(), args);
        }

        @Test
        @DisplayName("io.timeout().emit with an ack callback collects the answers of JS clients and Java sockets")
        void withAcks() {
            AckResult result = server.emitWithAck(Target.all(), Duration.ofSeconds(5), "n-ack", "question");

            assertThat(result.error()).isNull();
            assertThat(result.responses()).containsExactlyInAnyOrder("n-red", "n-blue", "n-none", "java:j-red", "java:j-blue");
            assertThat(java.local().delivered("j-red", "n-ack").get(0).withAck()).isTrue();
        }

        @Test
        @DisplayName("acks to one room count only that room's sockets on both sides")
        void withAcksToRoom() {
            AckResult result = server.emitWithAck(Target.to("blue"), Duration.ofSeconds(5), "n-ack-blue");

            assertThat(result.error()).isNull();
            assertThat(result.responses()).containsExactlyInAnyOrder("n-blue", "java:j-blue");
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
        @DisplayName("a broadcast to a room reaches only the JS clients in that room")
        void toRoom() {
            javaEmit(BroadcastOptions.toRooms("red"), "j-red-only");
            everyoneGets(() -> javaEmit(BroadcastOptions.ALL, "j-marker-1"), "j-marker-1");

            assertThat(clients.receivers("j-red-only")).containsExactly("n-red");
            assertThat(java.local().receivers("j-red-only")).containsExactly("j-red");
        }

        @Test
        @DisplayName("a broadcast except a room leaves out the JS clients in that room")
        void exceptRoom() {
            javaEmit(BroadcastOptions.ALL.withExcept("red"), "j-not-red");
            everyoneGets(() -> javaEmit(BroadcastOptions.ALL, "j-marker-2"), "j-marker-2");

            assertThat(clients.receivers("j-not-red")).containsExactlyInAnyOrder("n-blue", "n-none");
            assertThat(java.local().receivers("j-not-red")).containsExactly("j-blue");
        }

        @Test
        @DisplayName("a Java socket's broadcast (except its own id) reaches every JS client and the other Java socket")
        void socketBroadcast() {
            javaEmit(BroadcastOptions.ALL.withExcept("j-red"), "j-relayed");
            everyoneGets(() -> javaEmit(BroadcastOptions.ALL, "j-marker-3"), "j-marker-3");

            assertThat(clients.receivers("j-relayed")).containsExactlyInAnyOrderElementsOf(NODE_CLIENTS);
            assertThat(java.local().receivers("j-relayed")).containsExactly("j-blue");
        }

        @Test
        @DisplayName("a broadcast except a JS client's socket id leaves out that client")
        void exceptNodeSocketId() {
            javaEmit(BroadcastOptions.ALL.withExcept(clients.id("n-none")), "j-not-n-none");
            everyoneGets(() -> javaEmit(BroadcastOptions.ALL, "j-marker-4"), "j-marker-4");

            assertThat(clients.receivers("j-not-n-none")).containsExactlyInAnyOrder("n-red", "n-blue");
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
        @DisplayName("a broadcast with acks collects the answers of Java sockets and JS clients")
        void withAcks() {
            List<@Nullable Object> acks = java.namespace()
                    .broadcastWithAck(BroadcastPacket.event("j-ack", "question"), BroadcastOptions.ALL, Duration.ofSeconds(5))
                    .toCompletableFuture().join();

            assertThat(acks).containsExactlyInAnyOrder("n-red", "n-blue", "n-none", "java:j-red", "java:j-blue");
            assertThat(clients.received("n-blue", "j-ack").get(0).withAck()).isTrue();
        }

        @Test
        @DisplayName("acks to one room count only that room's sockets on both sides")
        void withAcksToRoom() {
            List<@Nullable Object> acks = java.namespace()
                    .broadcastWithAck(BroadcastPacket.event("j-ack-red"), BroadcastOptions.toRooms("red"), Duration.ofSeconds(5))
                    .toCompletableFuture().join();

            assertThat(acks).containsExactlyInAnyOrder("n-red", "java:j-red");
        }
    }

    private static void javaEmit(BroadcastOptions opts, String event, @Nullable Object... args) {
        java.namespace().broadcast(BroadcastPacket.event(event, args), opts).toCompletableFuture().join();
    }

    /**
     * Sends a marker to everybody from the same sender as the event under test and waits until every socket has
     * it: each node keeps a sender's order, so whatever the event was going to reach, it has reached by then.
     */
    private static void everyoneGets(Runnable sendMarker, String marker) {
        sendMarker.run();
        eventually().untilAsserted(() -> {
            assertThat(clients.receivers(marker)).containsExactlyInAnyOrderElementsOf(NODE_CLIENTS);
            assertThat(java.local().receivers(marker)).containsExactlyInAnyOrderElementsOf(JAVA_SOCKETS);
        });
    }
}
