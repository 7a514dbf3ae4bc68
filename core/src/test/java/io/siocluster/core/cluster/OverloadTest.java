package io.siocluster.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterStats.DropReason;
import io.siocluster.core.cluster.ClusterStats.Queue;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.spi.error.TransportUnavailableException;
import io.siocluster.spi.messaging.OverloadPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The overload signal (a wait over the threshold is counted, shown in health and logged rarely) and the outbound
 * policy when what waits behind a slow blob reaches its bound.
 */
@DisplayName("overload: signal and outbound policy")
class OverloadTest {

    private static final String CHANNEL = "socket.io#/";
    private static final BroadcastPacket SMALL = BroadcastPacket.event("e", 1);
    private static final BroadcastPacket BINARY = BroadcastPacket.event("bin", new byte[] {1, 2, 3});

    private final StubTransport transport = new StubTransport();
    private final RecordingLocalSide local = new RecordingLocalSide();
    private ClusterNode node;

    @AfterEach
    void tearDown() {
        if (node != null) {
            node.close();
        }
        transport.close();
    }

    @Test
    @DisplayName("defaults: 1 s threshold, 10,000 waiting behind blobs, REJECT")
    void defaults() {
        ClusterOptions options = ClusterOptions.defaults();
        assertThat(options.overloadThreshold()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.maxPendingOutbound()).isEqualTo(10_000);
        assertThat(options.outboundPolicy()).isEqualTo(OverloadPolicy.REJECT);
        assertThatThrownBy(() -> ClusterOptions.builder().maxPendingOutbound(0)).hasMessageContaining("maxPendingOutbound");
        assertThatThrownBy(() -> ClusterOptions.builder().overloadThreshold(Duration.ZERO)).hasMessageContaining("overloadThreshold");
    }

    @Test
    @DisplayName("a publish the transport confirms after 300 ms (threshold 100 ms): counted, health says overloaded, a fast one clears it")
    void slowPublishIsSignalled() {
        List<CompletableFuture<Void>> held = new ArrayList<>();
        transport.onPublish((channel, payload) -> {
            CompletableFuture<Void> later = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> later.complete(null));
            held.add(later);
            return later;
        });
        start(ClusterOptions.builder().overloadThreshold(Duration.ofMillis(100)));
        ClusterNamespace namespace = node.namespace("/", local);

        namespace.broadcastToPeers(SMALL, BroadcastOptions.ALL).toCompletableFuture().join();

        assertThat(node.stats().delayedMessages(Queue.PUBLISH)).isPositive();
        assertThat(node.stats().lastDelayNanos(Queue.PUBLISH)).isGreaterThanOrEqualTo(Duration.ofMillis(250).toNanos());
        assertThat(node.stats().overloaded()).isTrue();
        assertThat(node.health().status()).as("busy, not broken").isEqualTo(ClusterHealth.Status.UP);
        assertThat(node.health().reason()).contains("overloaded", "to be published", "threshold 100 ms");

        transport.onPublish((channel, payload) -> CompletableFuture.completedFuture(null));
        namespace.broadcastToPeers(SMALL, BroadcastOptions.ALL).toCompletableFuture().join();
        assertThat(node.stats().overloaded()).isFalse();
        assertThat(node.health().reason()).doesNotContain("overloaded");
    }

    @Test
    @DisplayName("messages that wait 300 ms for a busy node thread (threshold 100 ms) are counted as delayed deliveries")
    void slowDeliveryIsSignalled() {
        ProtocolCodec codec = ProtocolCodec.createDefault();
        RecordingLocalSide slow = new RecordingLocalSide() {
            @Override
            public int broadcast(BroadcastPacket packet, BroadcastOptions opts) {
                sleep(300); // a slow handler holds the node's thread, and every message behind it waits
                return super.broadcast(packet, opts);
            }
        };
        start(ClusterOptions.builder().overloadThreshold(Duration.ofMillis(100)));
        node.namespace("/", slow);

        for (int i = 0; i < 3; i++) {
            transport.deliver(CHANNEL, codec.encodeJson(new Envelope("peer1", "/", Broadcast.of(SMALL, BroadcastOptions.ALL))));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> slow.broadcasts.size() == 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> node.stats().delayedMessages(Queue.DELIVERY) == 3);
        assertThat(node.stats().overloaded()).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @DisplayName("the WARN is throttled: 1,000 slow messages give 3 lines a minute per queue, all counted")
    void warnIsThrottled() {
        MutableClock clock = new MutableClock();
        ClusterOptions options = ClusterOptions.builder().clock(clock).overloadThreshold(Duration.ofMillis(10)).build();
        ClusterStats stats = new ClusterStats(options.overloadThreshold(), clock);
        Overload overload = new Overload(stats, options);
        long slow = Duration.ofMillis(50).toNanos();

        int lines = 0;
        for (int i = 0; i < 1_000; i++) {
            lines += overload.published(slow) ? 1 : 0;
        }
        assertThat(lines).isEqualTo(Overload.LINES_PER_MINUTE);
        assertThat(stats.delayedMessages(Queue.PUBLISH)).isEqualTo(1_000);
        assertThat(overload.delivered(slow)).as("each queue has its own budget").isTrue();
        assertThat(overload.published(Duration.ofMillis(5).toNanos())).as("under the threshold: no line").isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(overload.published(slow)).as("a new minute").isTrue();
    }

    @Test
    @DisplayName("an outbound overflow marks the node overloaded for 5 s, counted always, logged 3 lines a minute")
    void overflowIsSignalled() {
        MutableClock clock = new MutableClock();
        ClusterOptions options = ClusterOptions.builder().clock(clock).outboundPolicy(OverloadPolicy.DROP_OLDEST).build();
        ClusterStats stats = new ClusterStats(options.overloadThreshold(), clock);
        Overload overload = new Overload(stats, options);
        assertThat(stats.overloaded()).isFalse();

        int lines = 0;
        for (int i = 0; i < 100; i++) {
            lines += overload.overflowed() ? 1 : 0;
        }
        assertThat(lines).isEqualTo(Overload.LINES_PER_MINUTE);
        assertThat(stats.outboundOverflows()).isEqualTo(100);
        assertThat(stats.overloaded()).as("no message waited, but the queue overflowed").isTrue();
        clock.advance(ClusterStats.OVERFLOW_MEMORY.minusMillis(1));
        assertThat(stats.overloaded()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(stats.overloaded()).isFalse();
    }

    @Test
    @DisplayName("REJECT through a node: behind a blob that is never stored, the 4th message fails, counted as PUBLISH_FAILED and overflow")
    void rejectThroughTheNode() {
        transport.onPut(bytes -> new CompletableFuture<>()); // a blob store that never answers
        start(ClusterOptions.builder().maxPendingOutbound(3).outboundPolicy(OverloadPolicy.REJECT));
        ClusterNamespace namespace = node.namespace("/", local);
        List<CompletionStage<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(namespace.broadcastToPeers(BINARY, BroadcastOptions.ALL));
        }

        assertThat(sent.subList(0, 3)).allMatch(stage -> !stage.toCompletableFuture().isDone());
        assertThat(sent.subList(3, 5)).allMatch(stage -> stage.toCompletableFuture().isCompletedExceptionally());
        assertThatThrownBy(() -> sent.get(4).toCompletableFuture().join()).hasRootCauseInstanceOf(TransportUnavailableException.class);
        assertThat(node.stats().outboundOverflows()).isEqualTo(2);
        assertThat(node.stats().drops(DropReason.PUBLISH_FAILED)).isEqualTo(2);
        assertThat(node.stats().overloaded()).isTrue();
        assertThat(node.health().reason()).contains("overloaded", "refused or dropped");
    }

    @Test
    @DisplayName("DROP_OLDEST through a node: the oldest waiting fail, the newest wait, each drop counted")
    void dropOldestThroughTheNode() {
        transport.onPut(bytes -> new CompletableFuture<>());
        start(ClusterOptions.builder().maxPendingOutbound(3).outboundPolicy(OverloadPolicy.DROP_OLDEST));
        ClusterNamespace namespace = node.namespace("/", local);
        List<CompletionStage<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(namespace.broadcastToPeers(BINARY, BroadcastOptions.ALL));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> sent.subList(0, 2).stream()
                .allMatch(stage -> stage.toCompletableFuture().isCompletedExceptionally()));
        assertThat(sent.subList(2, 5)).allMatch(stage -> !stage.toCompletableFuture().isDone());
        assertThat(node.stats().outboundOverflows()).isEqualTo(2);
        assertThat(node.stats().drops(DropReason.PUBLISH_FAILED)).isEqualTo(2);
    }

    private void start(ClusterOptions.Builder options) {
        node = ClusterNode.start(transport, options.discoveryWindow(Duration.ZERO).build());
    }
}
