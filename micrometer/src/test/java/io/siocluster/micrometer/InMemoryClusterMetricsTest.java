package io.siocluster.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.inmemory.InMemoryTransport;
import io.siocluster.spi.Transport;
import io.siocluster.tck.cluster.FakeLocalSide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("cluster meters on the in-memory bus")
class InMemoryClusterMetricsTest extends ClusterMetricsContract {

    private final InMemoryBus bus = InMemoryBus.create();

    @Override
    Transport newTransport() {
        return bus.newTransport();
    }

    @Test
    @DisplayName("an outage shows as health DEGRADED and transport state down, and local-only operations are counted")
    void outage() throws Exception {
        InMemoryTransport transport = bus.newTransport();
        ClusterNode node = startNode(transport);
        MeterRegistry registry = registryFor(node);
        var namespace = join(node, new FakeLocalSide("a"));

        try (InMemoryTransport.Outage outage = transport.simulateOutage()) {
            await().atMost(WAIT).until(() -> gauge(registry, "siocluster.health", "status", "degraded") == 1);
            assertThat(gauge(registry, "siocluster.health", "status", "up")).isZero();
            assertThat(gauge(registry, "siocluster.transport.state", "state", "down")).isEqualTo(1);
            namespace.socketsJoin(io.siocluster.core.protocol.BroadcastOptions.ALL, java.util.List.of("room"))
                    .toCompletableFuture().get();
            assertThat(counter(registry, "siocluster.operations.local.only")).isEqualTo(1);
        }
        await().atMost(WAIT).until(() -> gauge(registry, "siocluster.health", "status", "up") == 1);
    }
}
