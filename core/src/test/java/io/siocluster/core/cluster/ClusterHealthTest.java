package io.siocluster.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterHealth.Status;
import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.inmemory.InMemoryTransport;
import io.siocluster.spi.Transport;
import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.liveness.LivenessListener;
import io.siocluster.spi.liveness.LivenessRegistration;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.spi.messaging.Messaging;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a node's health")
class ClusterHealthTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock();
    private final InMemoryBus bus = InMemoryBus.create();
    private final InMemoryTransport transport = bus.newTransport();
    private final InMemoryTransport peerTransport = bus.newTransport();
    private final ClusterOptions options = ClusterOptions.builder().clock(clock).discoveryWindow(Duration.ofMillis(50)).build();
    private final ClusterNode node = ClusterNode.start(transport, options);
    private final ClusterNode peer = ClusterNode.start(peerTransport, ClusterOptions.builder().discoveryWindow(Duration.ofMillis(50)).build());

    @AfterEach
    void close() {
        node.close();
        peer.close();
        transport.close();
        peerTransport.close();
    }

    @Test
    @DisplayName("a running node on a connected transport is UP since it started, and counts its peers")
    void up() throws Exception {
        Instant started = clock.instant();
        node.namespace("/", new RecordingLocalSide()).ready().toCompletableFuture().get(5, TimeUnit.SECONDS);
        peer.namespace("/", new RecordingLocalSide());
        clock.advance(Duration.ofMinutes(1));

        await().atMost(WAIT).until(() -> node.health().peers() == 1);
        ClusterHealth health = node.health();
        assertThat(health.status()).isEqualTo(Status.UP);
        assertThat(health.since()).isEqualTo(started);
        assertThat(health.transportState()).isEqualTo(LivenessState.UP);
        assertThat(health.reason()).contains("'inmemory'", "up");
    }

    @Test
    @DisplayName("an outage makes it DEGRADED from the moment the transport went down, and UP again when it is back")
    void outage() {
        node.namespace("/", new RecordingLocalSide());
        // registered after the node's listener: once it has seen an event, the node has seen it too
        List<LivenessEvent> seen = new CopyOnWriteArrayList<>();
        transport.liveness().addListener(seen::add);
        Instant cut = clock.advance(Duration.ofMinutes(1));
        InMemoryTransport.Outage outage = transport.simulateOutage();
        await().atMost(WAIT).until(() -> seen.contains(LivenessEvent.DOWN));
        clock.advance(Duration.ofMinutes(1)); // nobody asked during the outage: "since" is still when it began

        ClusterHealth degraded = node.health();
        assertThat(degraded.status()).isEqualTo(Status.DEGRADED);
        assertThat(degraded.since()).isEqualTo(cut);
        assertThat(degraded.transportState()).isEqualTo(LivenessState.DOWN);
        assertThat(degraded.reason()).contains("down", "this node's sockets only");

        Instant back = clock.advance(Duration.ofMinutes(1));
        outage.close();
        await().atMost(WAIT).until(() -> seen.contains(LivenessEvent.UP_AFTER_GAP));
        clock.advance(Duration.ofMinutes(1));

        ClusterHealth up = node.health();
        assertThat(up.status()).isEqualTo(Status.UP);
        assertThat(up.since()).isEqualTo(back);
    }

    @Test
    @DisplayName("a closed node, or one whose transport was closed under it, is DOWN")
    void down() {
        transport.close();
        assertThat(node.health().status()).isEqualTo(Status.DOWN);
        assertThat(node.health().reason()).contains("closed");

        Instant closed = clock.advance(Duration.ofMinutes(1));
        peer.close();
        peerTransport.close();
        try (InMemoryTransport third = bus.newTransport()) {
            ClusterNode closedNode = ClusterNode.start(third, options);
            closedNode.close();
            clock.advance(Duration.ofMinutes(1));

            ClusterHealth health = closedNode.health();
            assertThat(health.status()).isEqualTo(Status.DOWN);
            assertThat(health.since()).isEqualTo(closed);
            assertThat(health.reason()).isEqualTo("the cluster node is closed");
        }
    }

    @Test
    @DisplayName("a transport that throws when asked its state makes the node DOWN, never an exception")
    void neverThrows() {
        try (InMemoryTransport inner = bus.newTransport()) {
            Transport broken = new Transport() {
                @Override
                public String providerName() {
                    return "broken";
                }

                @Override
                public Messaging messaging() {
                    return inner.messaging();
                }

                @Override
                public Optional<BlobStore> blobStore() {
                    return inner.blobStore();
                }

                @Override
                public Liveness liveness() {
                    return new Liveness() {
                        @Override
                        public LivenessState state() {
                            throw new IllegalStateException("no idea");
                        }

                        @Override
                        public LivenessRegistration addListener(LivenessListener listener) {
                            return () -> { };
                        }
                    };
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
            ClusterNode brokenNode = ClusterNode.start(broken, options);
            try {
                assertThat(brokenNode.health().status()).isEqualTo(Status.DOWN);
                assertThat(brokenNode.health().reason()).contains("'broken'", "closed");
            } finally {
                brokenNode.close();
            }
        }
    }
}
