package io.siocluster.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.spi.messaging.MessagingLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the TCK cannot see: the in-memory transport's own configuration knobs. */
class InMemoryTransportTest {

    @Test
    @DisplayName("limits are configurable per bus and shared by its transports")
    void configurableLimits() {
        InMemoryBus bus = InMemoryBus.builder().limits(new MessagingLimits(100, 10)).build();
        try (InMemoryTransport node = bus.newTransport()) {
            assertThat(node.messaging().limits()).isEqualTo(new MessagingLimits(100, 10));
            assertThat(node.messaging().publish("a-long-channel", "x").toCompletableFuture())
                    .isCompletedExceptionally();
        }
    }

    @Test
    @DisplayName("blob ages are measured with the bus's clock")
    void purgeUsesInjectedClock() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        InMemoryBus bus = InMemoryBus.builder().clock(clock).build();
        try (InMemoryTransport node = bus.newTransport()) {
            String old = node.blobStore().orElseThrow().put(new byte[] {1}).toCompletableFuture().join();
            now.set(now.get().plusSeconds(31));
            String fresh = node.blobStore().orElseThrow().put(new byte[] {2}).toCompletableFuture().join();

            long removed = node.blobStore().orElseThrow().purgeOlderThan(Duration.ofSeconds(30)).toCompletableFuture().join();

            assertThat(removed).isEqualTo(1);
            assertThat(node.blobStore().orElseThrow().get(old).toCompletableFuture().join()).isEmpty();
            assertThat(node.blobStore().orElseThrow().get(fresh).toCompletableFuture().join()).isPresent();
        }
    }

    @Test
    @DisplayName("a stream and a messaging channel of the same name are apart: each gets only what was sent on it")
    void streamsAreNotChannels() {
        InMemoryBus bus = InMemoryBus.create();
        try (InMemoryTransport publisher = bus.newTransport(); InMemoryTransport node = bus.newTransport()) {
            List<String> texts = new CopyOnWriteArrayList<>();
            List<Map<String, String>> entries = new CopyOnWriteArrayList<>();
            node.messaging().subscribe("x", (channel, text) -> texts.add(text)).ready().toCompletableFuture().join();
            node.messaging().fields().orElseThrow().subscribe("x", (stream, entry) -> entries.add(entry))
                    .ready().toCompletableFuture().join();

            publisher.messaging().publish("x", "a text").toCompletableFuture().join();
            publisher.messaging().fields().orElseThrow().publish("x", Map.of("payload", "an entry"))
                    .toCompletableFuture().join();
            publisher.messaging().publish("x", "marker").toCompletableFuture().join();
            publisher.messaging().fields().orElseThrow().publish("x", Map.of("marker", "m")).toCompletableFuture().join();

            await().atMost(Duration.ofSeconds(5)).until(() -> texts.size() == 2 && entries.size() == 2);
            assertThat(texts).containsExactly("a text", "marker");
            assertThat(entries).containsExactly(Map.of("payload", "an entry"), Map.of("marker", "m"));
        }
    }
}
