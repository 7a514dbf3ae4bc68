package io.siocluster.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.inmemory.InMemoryBus;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A namespace whose channel name the transport cannot carry (64 bytes or more here) must not break the server. */
@DisplayName("a namespace the cluster cannot open")
class NamespaceOpenFailureTest {

    private static final String TOO_LONG = "/" + "n".repeat(70);

    private final InMemoryBus bus = InMemoryBus.create();
    private final Set<Thread> before = clusterThreads();
    private SocketIOServer server;
    private SocketIOCluster cluster;

    private void create() {
        Configuration config = TestServers.config();
        cluster = SocketIOCluster.attach(config, bus::newTransport, ClusterOptions.defaults());
        server = new SocketIOServer(config);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    @DisplayName("on a running server: refused where it is asked for, and the server restarts")
    void whileRunning() {
        create();
        server.start();

        assertThatThrownBy(() -> cluster.of(TOO_LONG)).isInstanceOf(RuntimeException.class);

        server.stop();
        server.start();
        assertThat(cluster.isRunning()).isTrue();
        cluster.of("/").emit("still", "working").toCompletableFuture().join();
    }

    @Test
    @DisplayName("asked for before start: start fails naming it, leaves no cluster thread, and the next start works")
    void beforeStart() {
        create();
        cluster.of(TOO_LONG);

        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessageContaining(TOO_LONG);

        assertThat(cluster.isRunning()).as("no half-started cluster").isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> newClusterThreads().isEmpty());
        server.stop(); // netty-socketio's own event loops, started before the store factory failed
        server.start();
        assertThat(cluster.isRunning()).isTrue();
    }

    private Set<String> newClusterThreads() {
        return clusterThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName).collect(Collectors.toSet());
    }

    private static Set<Thread> clusterThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("sio-")).collect(Collectors.toSet());
    }
}
