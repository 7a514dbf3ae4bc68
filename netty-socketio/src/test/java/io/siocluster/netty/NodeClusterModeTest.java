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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Node adapter's cluster mode ({@code setupPrimary} of {@code @socket.io/postgres-adapter}, for Node's
 * {@code cluster} module) publishes its workers' messages with an extra top-level {@code nodeId} field.
 */
@DisplayName("messages from a Node primary in cluster mode (an extra nodeId field)")
class NodeClusterModeTest {

    private final InMemoryBus bus = InMemoryBus.create();
    private final Transport primary = bus.newTransport();
    private SocketIOServer server;
    private Socket client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.stop();
        primary.close();
    }

    @Test
    @DisplayName("are accepted: the worker counts as a server and its broadcast reaches the clients")
    void accepted() {
        server = TestServers.clustered(bus, ClusterOptions.defaults());
        server.start();
        SocketIOCluster cluster = SocketIOCluster.of(server);
        cluster.of("/").ready().toCompletableFuture().join();
        client = TestServers.client(server, "/");
        List<Object> received = new CopyOnWriteArrayList<>();
        client.on("from-worker", args -> received.add(args[0]));

        publish("{\"uid\":\"worker1\",\"nsp\":\"/\",\"type\":2,\"nodeId\":\"0f1e2d3c4b5a6978\"}");
        publish("{\"uid\":\"worker1\",\"nsp\":\"/\",\"type\":3,\"data\":{\"packet\":{\"type\":2,\"data\":"
                + "[\"from-worker\",\"hi\"]},\"opts\":{\"rooms\":[],\"except\":[],\"flags\":{}}},"
                + "\"nodeId\":\"0f1e2d3c4b5a6978\"}");

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        assertThat(received).containsExactly("hi");
        assertThat(cluster.of("/").serverCount().toCompletableFuture().join()).isEqualTo(2);
        assertThat(cluster.stats().orElseThrow().malformedMessages()).isZero();
    }

    private void publish(String payload) {
        primary.messaging().publish("socket.io#/", payload).toCompletableFuture().join();
    }
}
