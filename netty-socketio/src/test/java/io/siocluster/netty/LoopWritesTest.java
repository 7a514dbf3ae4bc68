package io.siocluster.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.inmemory.InMemoryBus;
import io.socket.client.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A cluster broadcast's websocket clients are written with one task per event loop (LoopWrites): what that must
 * keep of netty-socketio's own {@code send}.
 */
@DisplayName("broadcast writes grouped per event loop")
class LoopWritesTest {

    private static final int CLIENTS = 8;
    private static final int MESSAGES = 400;

    @Test
    @DisplayName("cluster emits and direct sendEvent calls from one thread reach clients on every loop once each, in call order")
    void callOrderKeptAcrossLoops() {
        // clients spread over four loops, none of them the calling thread
        SocketIOServer server = TestServers.clustered(InMemoryBus.create(), ClusterOptions.defaults(), 4);
        List<Socket> sockets = new ArrayList<>();
        try {
            server.start();
            List<List<Object>> received = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Socket socket = TestServers.client(server, "");
                sockets.add(socket);
                List<Object> got = new CopyOnWriteArrayList<>();
                socket.on("seq", args -> got.add(args[0]));
                received.add(got);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.getAllClients().size() == CLIENTS);
            NamespaceOperator namespace = SocketIOCluster.of(server).of("/");
            namespace.ready().toCompletableFuture().join();

            for (int i = 0; i < MESSAGES; i++) {
                if (i % 2 == 0) {
                    namespace.emit("seq", i); // through the cluster: the grouped path
                } else {
                    for (SocketIOClient client : server.getAllClients()) {
                        client.sendEvent("seq", i); // netty-socketio's own send
                    }
                }
            }

            List<Integer> expected = IntStream.range(0, MESSAGES).boxed().toList();
            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().allMatch(got -> got.size() >= MESSAGES));
            for (List<Object> got : received) {
                assertThat(got).containsExactlyElementsOf(expected);
            }
        } finally {
            sockets.forEach(Socket::close);
            server.stop();
        }
    }
}
