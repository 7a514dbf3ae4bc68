package io.siocluster.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.MessageType;
import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.inmemory.InMemoryTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("traffic counters, from real traffic between two nodes")
class TrafficStatsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final InMemoryBus bus = InMemoryBus.create();
    private final InMemoryTransport transportA = bus.newTransport();
    private final InMemoryTransport transportB = bus.newTransport();
    private final ClusterOptions options = ClusterOptions.builder().discoveryWindow(Duration.ofMillis(100))
            .cleanupInterval(Duration.ofMillis(300)).build();
    private final ClusterNode a = ClusterNode.start(transportA, options);
    private final ClusterNode b = ClusterNode.start(transportB, options);
    private final RecordingLocalSide socketsB = new RecordingLocalSide();
    private ClusterNamespace nspA;

    @BeforeEach
    void join() throws Exception {
        nspA = a.namespace("/", new RecordingLocalSide());
        nspA.ready().toCompletableFuture().get(5, TimeUnit.SECONDS); // listening before B announces itself
        b.namespace("/", socketsB).ready().toCompletableFuture().get(5, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> nspA.peers().size() == 1);
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        transportA.close();
        transportB.close();
    }

    @Test
    @DisplayName("messages are counted per type where they are published and where they arrive")
    void perType() {
        nspA.broadcast(BroadcastPacket.event("news", "hi"), BroadcastOptions.ALL);
        nspA.broadcast(BroadcastPacket.event("news", "again"), BroadcastOptions.ALL);

        await().atMost(WAIT).until(() -> b.traffic().received(MessageType.BROADCAST) == 2);
        assertThat(a.traffic().published(MessageType.BROADCAST)).isEqualTo(2);
        assertThat(a.traffic().received(MessageType.BROADCAST)).isZero(); // its own echoes are not counted
        assertThat(b.traffic().published(MessageType.INITIAL_HEARTBEAT)).isEqualTo(1);
        assertThat(a.traffic().received(MessageType.INITIAL_HEARTBEAT)).isEqualTo(1);
        assertThat(b.traffic().published(MessageType.BROADCAST)).isZero();
    }

    @Test
    @DisplayName("each published message is timed until the bus delivers it back to its sender")
    void delivery() {
        long before = a.traffic().deliveredCount(); // heartbeats are timed too
        nspA.broadcast(BroadcastPacket.event("news", "hi"), BroadcastOptions.ALL);

        await().atMost(WAIT).until(() -> a.traffic().deliveredCount() > before);
        assertThat(a.traffic().deliveryNanosTotal()).isPositive();
        assertThat(a.traffic().deliveryNanosMax()).isPositive().isLessThanOrEqualTo(a.traffic().deliveryNanosTotal());
        assertThat(a.traffic().deliveredCount()).isLessThanOrEqualTo(a.traffic().publishedTotal());
    }

    @Test
    @DisplayName("a large message is counted as an attachment stored by its sender and fetched by its receiver, then purged")
    void attachments() {
        String large = "x".repeat(10_000);
        nspA.broadcast(BroadcastPacket.event("big", large), BroadcastOptions.ALL);

        await().atMost(WAIT).until(() -> socketsB.broadcasts.size() == 1);
        assertThat(a.traffic().attachmentsStored()).isEqualTo(1);
        assertThat(b.traffic().attachmentsFetched()).isEqualTo(1);
        assertThat(b.traffic().received(MessageType.BROADCAST)).isEqualTo(1);
        // both nodes purge every 300 ms; whichever finds the row old enough deletes it
        await().atMost(WAIT).until(() -> a.traffic().attachmentsPurged() + b.traffic().attachmentsPurged() == 1);
    }

    @Test
    @DisplayName("a request is in flight until its answers are in, and one that runs out of time is counted")
    void requests() throws Exception {
        nspA.fetchSockets(BroadcastOptions.ALL).toCompletableFuture().get(5, TimeUnit.SECONDS);
        // counted down by a completion callback that may run just after the caller wakes
        await().atMost(WAIT).until(() -> a.traffic().requestsInFlight() == 0);
        assertThat(a.traffic().received(MessageType.FETCH_SOCKETS_RESPONSE)).isEqualTo(1);

        CompletableFuture<List<Object>> unanswered = nspA
                .serverSideEmitWithAck(List.of("ping"), Duration.ofMillis(500)).toCompletableFuture();
        await().atMost(WAIT).until(() -> a.traffic().requestsInFlight() == 1);

        assertThatThrownBy(() -> unanswered.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ClusterTimeoutException.class);
        assertThat(a.traffic().requestsTimedOut()).isEqualTo(1);
        await().atMost(WAIT).until(() -> a.traffic().requestsInFlight() == 0);
    }
}
