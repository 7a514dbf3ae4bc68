package io.siocluster.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.SocketIOServer;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.spi.Transport;
import io.socket.client.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("drop-in: what BroadcastOperations put on the bus")
class DropInTest {

    private final InMemoryBus bus = InMemoryBus.create();
    private final List<String> broadcasts = new CopyOnWriteArrayList<>();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private Transport observer;
    private SocketIOServer server;
    private SocketIOServer other;

    @BeforeEach
    void start() {
        observer = bus.newTransport();
        observer.messaging().subscribe("socket.io#/", (channel, payload) -> {
            if (payload.contains("\"type\":3")) {
                broadcasts.add(payload);
            }
        }).ready().toCompletableFuture().join();
        server = TestServers.clustered(bus, ClusterOptions.defaults());
        server.addEventListener("multi", String.class,
                (client, data, ack) -> server.getRoomOperations("a", "b").sendEvent("multi", data));
        server.addEventListener("separate", String.class, (client, data, ack) -> {
            server.getRoomOperations("a").sendEvent("separate", data);
            server.getRoomOperations("b").sendEvent("separate", data);
        });
        addJoinListener(server);
        server.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(Socket::close);
        server.stop();
        if (other != null) {
            other.stop();
        }
        observer.close();
    }

    @Test
    @DisplayName("a multi-room sendEvent in a listener becomes one BROADCAST per room, in Node's format")
    void multiRoomInListener() {
        client(server).emit("multi", "x");

        await().atMost(Duration.ofSeconds(5)).until(() -> named("multi").size() == 2);
        assertThat(named("multi")).allSatisfy(payload -> {
            assertThat(payload).contains("\"packet\":{\"type\":2,\"data\":[\"multi\",\"x\"]}");
            assertThat(payload).contains("\"nsp\":\"/\"");
        });
        assertThat(named("multi").get(0)).contains("\"rooms\":[\"a\"]");
        assertThat(named("multi").get(1)).contains("\"rooms\":[\"b\"]");
    }

    @Test
    @DisplayName("outside an event loop a multi-room sendEvent is one BROADCAST per room too")
    void multiRoomOutsideEventLoop() {
        server.getRoomOperations("a", "b").sendEvent("split", "y");

        await().atMost(Duration.ofSeconds(5)).until(() -> named("split").size() == 2);
    }

    @Test
    @DisplayName("a namespace-wide sendEvent becomes a BROADCAST with no rooms")
    void namespaceWide() {
        server.getBroadcastOperations().sendEvent("all", 1);

        await().atMost(Duration.ofSeconds(5)).until(() -> named("all").size() == 1);
        assertThat(named("all").get(0)).contains("\"rooms\":[]").contains("\"except\":[]");
    }

    @Test
    @DisplayName("null arguments go out as JSON null")
    void nullArguments() {
        server.getBroadcastOperations().sendEvent("nulls", (Object) "a", null, 1);

        await().atMost(Duration.ofSeconds(5)).until(() -> named("nulls").size() == 1);
        assertThat(named("nulls").get(0)).contains("[\"nulls\",\"a\",null,1]");
    }

    @Test
    @DisplayName("a client in two targeted rooms receives a multi-room sendEvent as often on another server as on its own")
    void multiRoomSameEverywhere() {
        Socket localBoth = inRooms(server, "a", "b");
        Socket remoteBoth = inRooms(startOther(), "a", "b");
        List<Object> local = received(localBoth, "multi");
        List<Object> remote = received(remoteBoth, "multi");

        client(server).emit("multi", "m");

        // netty-socketio sends once per room: twice to a client in both (pinned by NettySocketIoContractTest)
        await().atMost(Duration.ofSeconds(5)).until(() -> local.size() == 2 && remote.size() == 2);
    }

    @Test
    @DisplayName("two separate sendEvent calls in one listener, same event and arguments, are both delivered")
    void separateCallsNotMerged() {
        Socket remoteBoth = inRooms(startOther(), "a", "b");
        List<Object> remote = received(remoteBoth, "separate");

        client(server).emit("separate", "s");

        await().atMost(Duration.ofSeconds(5)).until(() -> named("separate").size() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> remote.size() == 2);
        assertThat(remote).containsExactly("s", "s");
    }

    private SocketIOServer startOther() {
        other = TestServers.clustered(bus, ClusterOptions.defaults());
        addJoinListener(other);
        other.start();
        SocketIOCluster.of(other).of("/").ready().toCompletableFuture().join();
        return other;
    }

    private static void addJoinListener(SocketIOServer target) {
        target.addEventListener("join", String.class, (client, room, ack) -> {
            client.joinRoom(room);
            ack.sendAckData(room);
        });
    }

    private Socket client(SocketIOServer target) {
        Socket socket = TestServers.client(target, "");
        clients.add(socket);
        return socket;
    }

    /** A client of {@code target} that has joined {@code rooms} there. */
    private Socket inRooms(SocketIOServer target, String... rooms) {
        Socket socket = client(target);
        List<Object> joined = new CopyOnWriteArrayList<>();
        for (String room : rooms) {
            socket.emit("join", new Object[] {room}, answer -> joined.add(answer[0]));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> joined.size() == rooms.length);
        return socket;
    }

    private static List<Object> received(Socket socket, String event) {
        List<Object> got = new CopyOnWriteArrayList<>();
        socket.on(event, args -> got.add(args[0]));
        return got;
    }

    private List<String> named(String event) {
        return broadcasts.stream().filter(p -> p.contains("[\"" + event + "\"")).toList();
    }
}
