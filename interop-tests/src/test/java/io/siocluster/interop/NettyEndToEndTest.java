package io.siocluster.interop;

import static io.siocluster.interop.harness.ValueAssertions.assertSameValues;
import static io.siocluster.interop.harness.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import io.siocluster.interop.harness.AckResult;
import io.siocluster.interop.harness.ClusterNames;
import io.siocluster.interop.harness.JavaClients;
import io.siocluster.interop.harness.JavaNode;
import io.siocluster.interop.harness.NodeClients;
import io.siocluster.interop.harness.NodeClients.Connection;
import io.siocluster.interop.harness.NodeEmitter;
import io.siocluster.interop.harness.NodeHarness;
import io.siocluster.interop.harness.NodeServer;
import io.siocluster.interop.harness.SocketView;
import io.siocluster.interop.harness.Target;
import io.siocluster.netty.EngineIo4ChannelInitializer;
import io.siocluster.netty.RemoteSocket;
import io.siocluster.netty.SocketIOCluster;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end: a real netty-socketio 2.0.14 server with the sio-cluster binding, Java clients
 * ({@code io.socket:socket.io-client} 2.1.2) and a JS client on it, next to a Node.js Socket.IO server with its JS
 * clients, on one PostgreSQL. Rooms: {@code red} holds jc-red (Java, websocket) and n-red (JS on Node);
 * {@code blue} holds jc-blue (Java, polling), nn-blue (JS on netty-socketio, polling) and n-blue (JS on Node).
 */
@ExtendWith(PostgresExtension.class)
@DisplayName("End to end: netty-socketio with sio-cluster next to a Node.js Socket.IO server")
class NettyEndToEndTest {

    @RegisterExtension
    static final NodeHarness NODE = new NodeHarness();

    private static final List<String> EVERY_CLIENT = List.of("jc-red", "jc-blue", "nn-blue", "n-red", "n-blue");

    private static NodeServer node;
    private static NodeClients jsClients;
    private static NodeEmitter nodeEmitter;
    private static SocketIOServer netty;
    private static SocketIOCluster cluster;
    private static final JavaClients JAVA_CLIENTS = new JavaClients();

    @BeforeAll
    static void startCluster(PostgresDatabase db) {
        ClusterNames names = ClusterNames.create(db, "netty");
        node = NODE.startServer(db, names.nodeServer("node-e2e"));

        Configuration config = new Configuration();
        config.setHostname("127.0.0.1");
        config.setPort(freePort());
        cluster = SocketIOCluster.attach(config, JavaNode.transportOptions(db, names.table(), "netty-e2e"),
                JavaNode.options(names.channelPrefix()).build());
        netty = new SocketIOServer(config);
        netty.setPipelineFactory(new EngineIo4ChannelInitializer());
        netty.addConnectListener(client -> cluster.setSocketData(client, Map.of("server", "netty")));
        netty.addEventListener("join", String.class, (client, room, ack) -> {
            client.joinRoom(room);
            ack.sendAckData(room);
        });
        netty.addEventListener("relay", String.class,
                (client, text, ack) -> netty.getBroadcastOperations().sendEvent("e2e-relayed", client, text));
        netty.start();
        cluster.of("/").ready().toCompletableFuture().join();

        String nettyUrl = "http://127.0.0.1:" + config.getPort();
        JAVA_CLIENTS.connect("jc-red", nettyUrl, "websocket");
        JAVA_CLIENTS.emitWithAck("jc-red", "join", "red");
        JAVA_CLIENTS.connect("jc-blue", nettyUrl, "polling");
        JAVA_CLIENTS.emitWithAck("jc-blue", "join", "blue");
        jsClients = NODE.startClients("clients-e2e");
        jsClients.connect(Connection.polling("nn-blue", nettyUrl));
        jsClients.emitWithAck("nn-blue", "join", "blue");
        jsClients.connect(Connection.websocket("n-red", node.url()).rooms("red").data(Map.of("server", "node")));
        jsClients.connect(Connection.polling("n-blue", node.url()).rooms("blue"));
        nodeEmitter = NODE.startEmitter(db, "node-emitter-e2e", names.channelPrefix(), names.table());
        eventually().untilAsserted(() -> {
            assertThat(serverCountOnNetty()).as("serverCount on netty-socketio").isEqualTo(2);
            assertThat(node.serverCount()).as("serverCount on Node").isEqualTo(2);
        });
    }

    @AfterAll
    static void stopNetty() {
        JAVA_CLIENTS.close();
        if (netty != null) {
            netty.stop();
        }
    }

    @Test
    @DisplayName("io.emit on the Node server reaches the Java and JS clients of netty-socketio, binary included")
    void nodeToNetty() {
        byte[] bytes = {1, 2, 3, (byte) 0xff};
        node.emit(Target.all(), "e2e-from-node", "hello", bytes);

        eventually().untilAsserted(() -> {
            assertThat(JAVA_CLIENTS.receivers("e2e-from-node")).containsExactlyInAnyOrder("jc-red", "jc-blue");
            assertThat(jsClients.receivers("e2e-from-node")).containsExactlyInAnyOrder("nn-blue", "n-red", "n-blue");
        });
        assertSameValues(JAVA_CLIENTS.received("jc-red", "e2e-from-node").get(0).args(), List.of("hello", bytes));
        assertSameValues(JAVA_CLIENTS.received("jc-blue", "e2e-from-node").get(0).args(), List.of("hello", bytes));
        assertSameValues(jsClients.received("nn-blue", "e2e-from-node").get(0).args(), List.of("hello", bytes));
    }

    @Test
    @DisplayName("netty-socketio's own getRoomOperations(room).sendEvent (the drop-in) reaches that room on the Node server")
    void dropInToNode() {
        netty.getRoomOperations("red").sendEvent("e2e-drop-in", "from netty", 7);
        netty.getBroadcastOperations().sendEvent("e2e-drop-in-marker");

        eventually().untilAsserted(() -> assertThat(jsClients.receivers("e2e-drop-in-marker")).hasSize(3));
        assertThat(jsClients.receivers("e2e-drop-in")).containsExactly("n-red");
        assertSameValues(jsClients.received("n-red", "e2e-drop-in").get(0).args(), List.of("from netty", 7));
        eventually().untilAsserted(() -> assertThat(JAVA_CLIENTS.receivers("e2e-drop-in")).containsExactly("jc-red"));
    }

    @Test
    @DisplayName("a Java client's broadcast on netty-socketio (sendEvent excluding the sender) reaches every other client")
    void socketBroadcastFromNetty() {
        JAVA_CLIENTS.emit("jc-red", "relay", "from jc-red");

        eventually().untilAsserted(() -> {
            assertThat(jsClients.receivers("e2e-relayed")).containsExactlyInAnyOrder("nn-blue", "n-red", "n-blue");
            assertThat(JAVA_CLIENTS.receivers("e2e-relayed")).containsExactly("jc-blue");
        });
        assertThat(jsClients.received("n-red", "e2e-relayed").get(0).args()).containsExactly("from jc-red");
    }

    @Test
    @DisplayName("cluster.of(\"/\").to(room).emit with binary reaches that room's clients on both servers")
    void clusterApiToRoom() {
        byte[] bytes = "bytes".getBytes(StandardCharsets.UTF_8);
        cluster.of("/").to("blue").emit("e2e-blue", Map.of("bin", bytes)).toCompletableFuture().join();

        eventually().untilAsserted(() -> {
            assertThat(jsClients.receivers("e2e-blue")).containsExactlyInAnyOrder("nn-blue", "n-blue");
            assertThat(JAVA_CLIENTS.receivers("e2e-blue")).containsExactly("jc-blue");
        });
        assertSameValues(jsClients.received("n-blue", "e2e-blue").get(0).args(), List.of(Map.of("bin", bytes)));
        assertSameValues(JAVA_CLIENTS.received("jc-blue", "e2e-blue").get(0).args(), List.of(Map.of("bin", bytes)));
    }

    @Test
    @DisplayName("broadcasts with acks from either server collect the answers of every client, Java and JS")
    void acks() {
        AckResult fromNode = node.emitWithAck(Target.all(), Duration.ofSeconds(5), "e2e-ack-node");
        List<@Nullable Object> fromNetty = cluster.of("/").timeout(Duration.ofSeconds(5)).emitWithAck("e2e-ack-netty")
                .toCompletableFuture().join();

        assertThat(fromNode.error()).isNull();
        assertThat(fromNode.responses()).containsExactlyInAnyOrderElementsOf(EVERY_CLIENT);
        assertThat(fromNetty).containsExactlyInAnyOrderElementsOf(EVERY_CLIENT);
    }

    @Test
    @DisplayName("volatile and compress(false) broadcasts cross both ways and reach every client that can take them")
    void modifiers() {
        node.emitVolatile(Target.to("red"), false, "e2e-volatile-node", 1);
        cluster.of("/").to("red").asVolatile().compress(false).emit("e2e-volatile-netty", 2).toCompletableFuture().join();

        eventually().untilAsserted(() -> {
            assertThat(JAVA_CLIENTS.receivers("e2e-volatile-node")).containsExactly("jc-red");
            assertThat(jsClients.receivers("e2e-volatile-node")).containsExactly("n-red");
            assertThat(JAVA_CLIENTS.receivers("e2e-volatile-netty")).containsExactly("jc-red");
            assertThat(jsClients.receivers("e2e-volatile-netty")).containsExactly("n-red");
        });
    }

    @Test
    @DisplayName("a remote socket's timeout(t).emitWithAck gets that one client's answer, netty-socketio to Node and back")
    void remoteSocketAcks() {
        String jsRed = jsClients.id("n-red");
        String javaRed = JAVA_CLIENTS.id("jc-red");
        RemoteSocket nodeSocket = cluster.of("/").in(jsRed).fetchSockets().toCompletableFuture().join().get(0);

        Object fromNetty = nodeSocket.timeout(Duration.ofSeconds(5)).emitWithAck("e2e-remote-ack", 1)
                .toCompletableFuture().join();
        AckResult fromNode = node.remoteSocketEmitWithAck(javaRed, Duration.ofSeconds(5), "e2e-remote-ack", 2);

        assertThat(fromNetty).as("the JS client on Node answers with its name").isEqualTo("n-red");
        assertThat(fromNode.error()).isNull();
        assertThat(fromNode.responses()).as("the Java client on netty-socketio answers with its name")
                .containsExactly("jc-red");
        assertThat(jsClients.received("n-blue", "e2e-remote-ack")).as("no other client is asked").isEmpty();
    }

    @Test
    @DisplayName("fetchSockets from either server sees the other's sockets with rooms and data")
    void fetchSockets() {
        Map<String, SocketView> seenByNode = node.fetchSockets(Target.to("red")).stream()
                .collect(Collectors.toMap(SocketView::id, Function.identity()));
        Map<String, RemoteSocket> seenByNetty = cluster.of("/").in("red").fetchSockets().toCompletableFuture().join()
                .stream().collect(Collectors.toMap(RemoteSocket::id, Function.identity()));

        String javaRed = JAVA_CLIENTS.id("jc-red");
        String jsRed = jsClients.id("n-red");
        assertThat(seenByNode).containsOnlyKeys(javaRed, jsRed);
        assertThat(seenByNode.get(javaRed).rooms()).contains("red");
        assertSameValues(seenByNode.get(javaRed).data(), Map.of("server", "netty"));
        assertThat(seenByNetty).containsOnlyKeys(javaRed, jsRed);
        assertThat(seenByNetty.get(jsRed).rooms()).contains("red", jsRed);
        assertSameValues(seenByNetty.get(jsRed).data(), Map.of("server", "node"));
    }

    @Test
    @DisplayName("serverSideEmit with ack works from netty-socketio to Node and back")
    void serverSideEmit() throws Exception {
        node.onServerSideEmit("e2e-sse", "node answers");
        AutoCloseable handler = cluster.of("/").onServerSideEmit("e2e-sse-back",
                (args, ack) -> ack.send("netty answers " + args.get(0)));
        try {
            List<@Nullable Object> fromNetty = cluster.of("/").timeout(Duration.ofSeconds(5))
                    .serverSideEmitWithAck("e2e-sse", "q").toCompletableFuture().join();
            AckResult fromNode = node.serverSideEmitWithAck("e2e-sse-back", "q2");

            assertThat(fromNetty).containsExactly("node answers");
            assertThat(fromNode.responses()).containsExactly("netty answers q2");
        } finally {
            handler.close();
        }
    }

    @Test
    @DisplayName("socketsJoin from Node moves netty-socketio's clients into a room that Node then reaches")
    void remoteJoin() {
        node.socketsJoin(Target.to("red"), "e2e-joined");
        eventually().untilAsserted(() -> assertThat(nettyClient(JAVA_CLIENTS.id("jc-red")).getAllRooms()).contains("e2e-joined"));

        node.emit(Target.to("e2e-joined"), "e2e-to-joined");

        eventually().untilAsserted(() -> assertThat(JAVA_CLIENTS.receivers("e2e-to-joined")).containsExactly("jc-red"));
        assertThat(jsClients.receivers("e2e-to-joined")).containsExactly("n-red");
    }

    @Test
    @DisplayName("the Node emitter 0.1.1 reaches the Java and JS clients of netty-socketio")
    void nodeEmitter() {
        nodeEmitter.emit(Target.to("blue"), "e2e-node-emitter", "via postgres-emitter");

        eventually().untilAsserted(() -> {
            assertThat(JAVA_CLIENTS.receivers("e2e-node-emitter")).containsExactly("jc-blue");
            assertThat(jsClients.receivers("e2e-node-emitter")).containsExactly("nn-blue");
        });
        assertThat(JAVA_CLIENTS.received("jc-blue", "e2e-node-emitter").get(0).args()).containsExactly("via postgres-emitter");
    }

    private static SocketIOClient nettyClient(String id) {
        return netty.getAllClients().stream().filter(c -> c.getSessionId().toString().equals(id)).findFirst().orElseThrow();
    }

    private static int serverCountOnNetty() {
        return cluster.of("/").serverCount().toCompletableFuture().join();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
