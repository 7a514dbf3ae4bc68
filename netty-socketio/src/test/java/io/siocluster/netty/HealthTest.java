package io.siocluster.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import io.siocluster.core.cluster.ClusterHealth.Status;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.inmemory.InMemoryTransport;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the cluster's health over a netty-socketio server")
class HealthTest {

    private final InMemoryBus bus = InMemoryBus.create();

    @Test
    @DisplayName("DOWN before start, UP while running, DEGRADED during an outage, DOWN after stop")
    void lifecycle() {
        AtomicReference<InMemoryTransport> transport = new AtomicReference<>();
        Configuration config = TestServers.config();
        SocketIOCluster cluster = SocketIOCluster.attach(config, () -> {
            transport.set(bus.newTransport());
            return transport.get();
        }, ClusterOptions.defaults());
        assertThat(cluster.health().status()).isEqualTo(Status.DOWN);
        assertThat(cluster.health().reason()).contains("not started");
        assertThat(cluster.node()).isEmpty();

        SocketIOServer server = new SocketIOServer(config);
        server.start();
        try {
            assertThat(cluster.health().status()).isEqualTo(Status.UP);
            assertThat(cluster.node()).isPresent();

            try (InMemoryTransport.Outage outage = transport.get().simulateOutage()) {
                await().atMost(Duration.ofSeconds(5)).until(() -> cluster.health().status() == Status.DEGRADED);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> cluster.health().status() == Status.UP);
        } finally {
            server.stop();
        }
        assertThat(cluster.health().status()).isEqualTo(Status.DOWN);
        assertThat(cluster.health().reason()).contains("closed");
        assertThat(cluster.node()).isEmpty();
    }
}
