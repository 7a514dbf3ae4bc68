package io.siocluster.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.inmemory.InMemoryBus;
import io.socket.client.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("binding lifecycle")
class LifecycleTest {

    private final InMemoryBus bus = InMemoryBus.create();
    private final ClusterOptions options = ClusterOptions.builder().requestsTimeout(Duration.ofSeconds(2)).build();

    @Test
    @DisplayName("starting the server joins the cluster; stopping it says goodbye at once and ends the cluster API")
    void startAndStop() {
        SocketIOServer a = TestServers.clustered(bus, options);
        SocketIOServer b = TestServers.clustered(bus, options);
        a.start();
        b.start();
        try {
            SocketIOCluster clusterA = SocketIOCluster.of(a);
            SocketIOCluster clusterB = SocketIOCluster.of(b);
            clusterB.of("/").ready().toCompletableFuture().join();
            assertThat(clusterA.of("/").serverCount().toCompletableFuture().join()).isEqualTo(2);
            assertThat(clusterB.isRunning()).isTrue();

            b.stop();

            assertThat(clusterB.isRunning()).isFalse();
            // ADAPTER_CLOSE, not the 10 s heartbeat timeout
            await().atMost(Duration.ofSeconds(2))
                    .until(() -> clusterA.of("/").serverCount().toCompletableFuture().join() == 1);
            assertThatThrownBy(() -> clusterB.of("/").emit("late").toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IllegalStateException.class);
        } finally {
            b.stop();
            a.stop();
        }
    }

    @Test
    @DisplayName("operations before the server starts fail (as a stage) with IllegalStateException")
    void beforeStart() {
        Configuration config = TestServers.config();
        SocketIOCluster cluster = SocketIOCluster.attach(config, bus::newTransport, options);

        assertThat(cluster.isRunning()).isFalse();
        assertThatThrownBy(() -> cluster.of("/chat").fetchSockets().toCompletableFuture().join())
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("start the SocketIOServer");
    }

    @Test
    @DisplayName("SocketIOCluster.of(server) refuses a server without a ClusterStoreFactory")
    void ofOtherServer() {
        SocketIOServer plain = new SocketIOServer(TestServers.config());

        assertThatThrownBy(() -> SocketIOCluster.of(plain)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ClusterStoreFactory");
    }

    @Test
    @DisplayName("a stopped server leaves no thread behind: Netty, netty-socketio's timer, cluster, transport")
    void noThreadLeft() {
        Set<Thread> before = live();
        SocketIOServer server = TestServers.clustered(bus, options);
        server.start();
        List<Object> got = new CopyOnWriteArrayList<>();
        Socket client = TestServers.client(server, "");
        client.on("hello", args -> got.add(args[0]));
        SocketIOCluster.of(server).of("/").emit("hello", "you");
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
        client.close();

        server.stop();

        await().atMost(Duration.ofSeconds(10)).until(() -> leaked(before).isEmpty());
    }

    @Test
    @DisplayName("one factory serves one server at a time")
    void oneServerPerFactory() {
        Configuration config = TestServers.config();
        SocketIOCluster.attach(config, bus::newTransport, options);
        SocketIOServer first = new SocketIOServer(config);
        config.setPort(TestServers.freePort());
        SocketIOServer second = new SocketIOServer(config);
        first.start();
        try {
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("one factory per SocketIOServer");
        } finally {
            first.stop();
        }
    }

    private static Set<Thread> live() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    private static Set<String> leaked(Set<Thread> before) {
        return live().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                .filter(name -> !name.startsWith("OkHttp") && !name.equals("EventThread") && !name.startsWith("Okio")
                        && !name.startsWith("globalEventExecutor") && !name.equals("ObjectCleanerThread")
                        && !name.startsWith("awaitility") && !name.startsWith("ForkJoinPool"))
                .collect(Collectors.toSet());
    }
}
