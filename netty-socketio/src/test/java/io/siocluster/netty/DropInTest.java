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
    private Transport observer;
    private SocketIOServer server;

    @BeforeEach
    void start() {
        observer = bus.newTransport();
        observer.messaging().subscribe("socket.io#/", (channel, payload) -> {
            if (payload.contains("\"type\":3")) {
                broadcasts.add(payload);
            }
        }).ready().toCompletableFuture().join();
        server = TestServers.clustered(bus, ClusterOptions.defaults());
        server.addEventListener("trigger", String.class,
                (client, data, ack) -> server.getRoomOperations("a", "b").sendEvent("multi", data));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        observer.close();
    }

    @Test
    @DisplayName("a multi-room sendEvent in a listener becomes one BROADCAST to both rooms, in Node's format")
    void multiRoomInListener() {
        Socket client = TestServers.client(server, "");
        try {
            client.emit("trigger", "x");

            await().atMost(Duration.ofSeconds(5)).until(() -> broadcasts.stream().anyMatch(p -> p.contains("multi")));
            assertThat(broadcasts).filteredOn(p -> p.contains("multi")).singleElement().satisfies(payload -> {
                assertThat(payload).contains("\"packet\":{\"type\":2,\"data\":[\"multi\",\"x\"]}");
                assertThat(payload).contains("\"rooms\":[\"a\",\"b\"]");
                assertThat(payload).contains("\"nsp\":\"/\"");
            });
        } finally {
            client.close();
        }
    }

    @Test
    @DisplayName("a namespace-wide sendEvent becomes a BROADCAST with no rooms")
    void namespaceWide() {
        server.getBroadcastOperations().sendEvent("all", 1);

        await().atMost(Duration.ofSeconds(5)).until(() -> broadcasts.stream().anyMatch(p -> p.contains("\"all\"")));
        assertThat(broadcasts).filteredOn(p -> p.contains("\"all\"")).singleElement()
                .satisfies(payload -> assertThat(payload).contains("\"rooms\":[]").contains("\"except\":[]"));
    }

    @Test
    @DisplayName("null arguments go out as JSON null")
    void nullArguments() {
        server.getBroadcastOperations().sendEvent("nulls", (Object) "a", null, 1);

        await().atMost(Duration.ofSeconds(5)).until(() -> broadcasts.stream().anyMatch(p -> p.contains("\"nulls\"")));
        assertThat(broadcasts).filteredOn(p -> p.contains("\"nulls\"")).singleElement()
                .satisfies(payload -> assertThat(payload).contains("[\"nulls\",\"a\",null,1]"));
    }

    @Test
    @DisplayName("outside an event loop each room's dispatch goes out at once")
    void multiRoomOutsideEventLoop() {
        server.getRoomOperations("a", "b").sendEvent("split", "y");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> broadcasts.stream().filter(p -> p.contains("split")).count() == 2);
    }
}
