package io.siocluster.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.spi.messaging.MessagingLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
}
