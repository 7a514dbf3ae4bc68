package io.siocluster.interop;

import static io.siocluster.interop.harness.ValueAssertions.assertSameValues;
import static io.siocluster.interop.harness.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.emitter.Emitter;
import io.siocluster.core.emitter.EmitterOptions;
import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.interop.harness.ClusterNames;
import io.siocluster.interop.harness.JavaNode;
import io.siocluster.interop.harness.NodeClients;
import io.siocluster.interop.harness.NodeClients.Connection;
import io.siocluster.interop.harness.NodeEmitter;
import io.siocluster.interop.harness.NodeHarness;
import io.siocluster.interop.harness.NodeServer;
import io.siocluster.interop.harness.Sent;
import io.siocluster.interop.harness.SocketView;
import io.siocluster.interop.harness.Target;
import io.siocluster.spi.Transport;
import io.siocluster.spi.Transports;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both emitters against both kinds of server: {@code @socket.io/postgres-emitter} 0.1.1 (whose messages carry no
 * {@code nsp}) and the Java {@link Emitter}, each sending to a Node server's JS clients and a Java node's sockets.
 */
@ExtendWith(PostgresExtension.class)
@DisplayName("Emitters: the Node emitter and the Java emitter")
class EmitterInteropTest {

    @RegisterExtension
    static final NodeHarness NODE = new NodeHarness();

    private static PostgresDatabase db;
    private static ClusterNames names;
    private static NodeServer server;
    private static NodeClients clients;
    private static NodeEmitter nodeEmitter;
    private static JavaNode java;
    private static Transport emitterTransport;
    private static Emitter javaEmitter;

    @BeforeAll
    static void startCluster(PostgresDatabase database) {
        db = database;
        names = ClusterNames.create(db, "emitter");
        server = NODE.startServer(db, names.nodeServer("node-emitter"));
        java = JavaNode.start("java-emitter", db, names);
        java.connect("j-red", null, "red");
        java.connect("j-blue", null, "blue");
        clients = NODE.startClients("clients-emitter");
        clients.connect(Connection.websocket("n-red", server.url()).rooms("red"));
        clients.connect(Connection.polling("n-blue", server.url()).rooms("blue"));
        clients.connect(Connection.websocket("n-chat", server.url()).namespace("/chat").rooms("chat-room"));
        nodeEmitter = NODE.startEmitter(db, "node-emitter-0.1.1", names.channelPrefix(), names.table());
        emitterTransport = Transports.create(JavaNode.transportOptions(db, names.table(), "java-emitter-only"));
        javaEmitter = Emitter.create(emitterTransport, EmitterOptions.builder().channelPrefix(names.channelPrefix()).payloadThreshold(8000).build());
        eventually().until(() -> server.serverCount() == 2 && java.serverCount() == 2);
    }

    @AfterAll
    static void stopJava() {
        if (java != null) {
            java.close();
        }
        if (emitterTransport != null) {
            emitterTransport.close();
        }
    }

    @Nested
    @DisplayName("the Node emitter 0.1.1")
    class NodeEmitterTests {

        @Test
        @DisplayName("reaches every socket of the Java node, though its messages name no namespace")
        void toAll() {
            nodeEmitter.emit(Target.all(), "ne-all", "hello", 1, Map.of("k", List.of(true)));

            eventually().untilAsserted(() -> assertThat(java.local().receivers("ne-all")).containsExactlyInAnyOrder("j-red", "j-blue"));
            assertSameValues(java.local().delivered("j-red", "ne-all").get(0).args(), List.of("hello", 1, Map.of("k", List.of(true))));
        }

        @Test
        @DisplayName("to(room) and except(room) select the Java sockets")
        void rooms() {
            nodeEmitter.emit(Target.to("red"), "ne-red");
            nodeEmitter.emit(Target.except("red"), "ne-not-red");
            nodeEmitter.emit(Target.all(), "ne-marker");

            eventually().untilAsserted(() -> assertThat(java.local().receivers("ne-marker")).hasSize(2));
            assertThat(java.local().receivers("ne-red")).containsExactly("j-red");
            assertThat(java.local().receivers("ne-not-red")).containsExactly("j-blue");
        }

        @Test
        @DisplayName("binary and 20000-byte messages (attachments) reach the Java node")
        void binaryAndLarge() {
            byte[] bytes = {9, 8, 7, 0, (byte) 200};
            String large = "x".repeat(20_000);

            List<Sent> binarySent = nodeEmitter.emit(Target.all(), "ne-binary", bytes, Map.of("nested", bytes));
            List<Sent> largeSent = nodeEmitter.emit(Target.all(), "ne-large", large);

            assertThat(binarySent).extracting(Sent::kind).containsExactly("attachment", "notify");
            assertThat(largeSent).extracting(Sent::kind).containsExactly("attachment", "notify");
            eventually().untilAsserted(() -> {
                assertThat(java.local().receivers("ne-binary")).hasSize(2);
                assertThat(java.local().receivers("ne-large")).hasSize(2);
            });
            assertSameValues(java.local().delivered("j-blue", "ne-binary").get(0).args(), List.of(bytes, Map.of("nested", bytes)));
            assertThat(java.local().delivered("j-blue", "ne-large").get(0).args()).containsExactly(large);
        }

        @Test
        @DisplayName("socketsJoin, socketsLeave and disconnectSockets apply to the Java node's sockets")
        void remoteSockets() {
            java.connect("j-doomed", null, "doomed-by-node-emitter");

            nodeEmitter.socketsJoin(Target.to("red"), "ne-joined");
            eventually().untilAsserted(() -> assertThat(javaRooms("j-red")).contains("ne-joined"));
            nodeEmitter.socketsLeave(Target.all(), "ne-joined");
            eventually().untilAsserted(() -> assertThat(javaRooms("j-red")).doesNotContain("ne-joined"));
            nodeEmitter.disconnectSockets(Target.to("doomed-by-node-emitter"), true);
            eventually().untilAsserted(() -> assertThat(java.local().disconnects())
                    .contains("j-doomed:close"));
        }

        @Test
        @DisplayName("serverSideEmit reaches the Java node's application")
        void serverSideEmit() {
            nodeEmitter.serverSideEmit("ne-sse", "from the Node emitter");

            eventually().untilAsserted(() -> assertThat(java.local().serverSideEvents("ne-sse")).hasSize(1));
            assertThat(java.local().serverSideEvents("ne-sse").get(0).args()).containsExactly("from the Node emitter");
        }

        @Test
        @DisplayName("Node 0.5.0 defect: the Node server ignores the Node emitter (no nsp), its clients get nothing")
        void ignoredByNodeAdapter() {
            nodeEmitter.emit(Target.all(), "ne-ignored");
            nodeEmitter.socketsJoin(Target.all(), "ne-ignored-room");
            eventually().untilAsserted(() -> assertThat(java.local().receivers("ne-ignored")).hasSize(2));

            // The adapter routes a message by its nsp; the emitter's have none, so they are dropped on arrival.
            // A later message from the Java emitter arriving shows the earlier ones were processed by then.
            javaEmitter.emit("je-after-ignored").toCompletableFuture().join();
            eventually().untilAsserted(() -> assertThat(clients.receivers("je-after-ignored")).contains("n-red", "n-blue"));
            assertThat(clients.receivers("ne-ignored")).isEmpty();
            assertThat(server.localSockets("/")).flatExtracting(SocketView::rooms).doesNotContain("ne-ignored-room");
            assertThat(javaRooms("j-red")).contains("ne-ignored-room");
        }
    }

    @Nested
    @DisplayName("the Java emitter")
    class JavaEmitterTests {

        @Test
        @DisplayName("reaches Node's websocket and polling clients and the Java node's sockets")
        void toAll() {
            javaEmitter.emit("je-all", "hello", 2, Map.of("k", List.of("v"))).toCompletableFuture().join();

            eventually().untilAsserted(() -> {
                assertThat(clients.receivers("je-all")).containsExactlyInAnyOrder("n-red", "n-blue");
                assertThat(java.local().receivers("je-all")).containsExactlyInAnyOrder("j-red", "j-blue");
            });
            assertSameValues(clients.received("n-blue", "je-all").get(0).args(), List.of("hello", 2, Map.of("k", List.of("v"))));
        }

        @Test
        @DisplayName("to(room) and except(room) select the clients on both kinds of server")
        void rooms() {
            javaEmitter.to("red").emit("je-red").toCompletableFuture().join();
            javaEmitter.except("red").emit("je-not-red").toCompletableFuture().join();
            javaEmitter.emit("je-marker").toCompletableFuture().join();

            eventually().untilAsserted(() -> {
                assertThat(clients.receivers("je-marker")).hasSize(2);
                assertThat(java.local().receivers("je-marker")).hasSize(2);
            });
            assertThat(clients.receivers("je-red")).containsExactly("n-red");
            assertThat(java.local().receivers("je-red")).containsExactly("j-red");
            assertThat(clients.receivers("je-not-red")).containsExactly("n-blue");
            assertThat(java.local().receivers("je-not-red")).containsExactly("j-blue");
        }

        @Test
        @DisplayName("binary arguments reach websocket and polling clients byte for byte")
        void binary() {
            byte[] bytes = "binary \u00e9".getBytes(StandardCharsets.UTF_8);
            javaEmitter.emit("je-binary", bytes, Map.of("nested", List.of(bytes))).toCompletableFuture().join();

            eventually().untilAsserted(() -> assertThat(clients.receivers("je-binary")).containsExactlyInAnyOrder("n-red", "n-blue"));
            assertSameValues(clients.received("n-red", "je-binary").get(0).args(), List.of(bytes, Map.of("nested", List.of(bytes))));
            assertSameValues(clients.received("n-blue", "je-binary").get(0).args(), List.of(bytes, Map.of("nested", List.of(bytes))));
        }

        @ParameterizedTest(name = "{0} bytes")
        @ValueSource(ints = {7999, 8000, 20000})
        @DisplayName("messages of N bytes reach the Node server's clients (8000 and more as attachments)")
        void sizes(int bytes) {
            String event = "je-size-" + bytes;
            ProtocolCodec codec = ProtocolCodec.createDefault();
            int base = utf8(codec.encodeJson(emitterEnvelope(BroadcastPacket.event(event, ""))));
            String padding = "e".repeat(bytes - base);
            assertThat(utf8(codec.encodeJson(emitterEnvelope(BroadcastPacket.event(event, padding))))).isEqualTo(bytes);
            long attachmentsBefore = names.attachmentsWritten(db);

            javaEmitter.emit(event, padding).toCompletableFuture().join();

            eventually().untilAsserted(() -> assertThat(clients.receivers(event)).containsExactlyInAnyOrder("n-red", "n-blue"));
            assertThat(clients.received("n-red", event).get(0).args()).containsExactly(padding);
            assertThat(names.attachmentsWritten(db) - attachmentsBefore).isEqualTo(bytes >= 8000 ? 1 : 0);
        }

        @Test
        @DisplayName("of(\"/chat\") reaches the clients of that namespace on the Node server")
        void otherNamespace() {
            javaEmitter.of("/chat").to("chat-room").emit("je-chat", "hi").toCompletableFuture().join();

            eventually().untilAsserted(() -> assertThat(clients.receivers("je-chat")).containsExactly("n-chat"));
        }

        @Test
        @DisplayName("socketsJoin, socketsLeave and disconnectSockets apply to the Node server's sockets")
        void remoteSockets() {
            clients.connect(Connection.websocket("n-doomed", server.url()).rooms("doomed-by-java-emitter"));

            javaEmitter.to("blue").socketsJoin("je-joined").toCompletableFuture().join();
            eventually().untilAsserted(() -> assertThat(nodeRooms("n-blue")).contains("je-joined"));
            assertThat(nodeRooms("n-red")).doesNotContain("je-joined");
            javaEmitter.socketsLeave("je-joined").toCompletableFuture().join();
            eventually().untilAsserted(() -> assertThat(nodeRooms("n-blue")).doesNotContain("je-joined"));
            javaEmitter.to("doomed-by-java-emitter").disconnectSockets(false).toCompletableFuture().join();
            eventually().untilAsserted(() -> assertThat(clients.disconnections()).containsEntry("n-doomed", "io server disconnect"));
        }

        @Test
        @DisplayName("serverSideEmit reaches the Node server's io.on(event) handler")
        void serverSideEmit() {
            server.onServerSideEmit("je-sse", null);

            javaEmitter.serverSideEmit("je-sse", "from the Java emitter", 3).toCompletableFuture().join();

            eventually().untilAsserted(() -> assertThat(server.serverSideCalls("je-sse")).hasSize(1));
            assertSameValues(server.serverSideCalls("je-sse").get(0).args(), List.of("from the Java emitter", 3));
        }
    }

    private static Envelope emitterEnvelope(BroadcastPacket packet) {
        return new Envelope(Envelope.EMITTER_UID, "/", Broadcast.of(packet, BroadcastOptions.ALL));
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A Java fake socket's rooms, without its own id. */
    private static Set<String> javaRooms(String id) {
        assertThat(java.local().socketIds()).as("socket %s connected", id).contains(id);
        return java.local().rooms(id);
    }

    private static List<String> nodeRooms(String client) {
        String id = clients.id(client);
        return server.localSockets("/").stream().filter(s -> s.id().equals(id)).findFirst()
                .map(SocketView::rooms).orElseThrow();
    }
}
