package io.siocluster.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.cluster.internal.Membership;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats and peer expiry follow the configured clock alone: the test moves the clock and ticks, and
 * nothing waits for real time.
 */
@DisplayName("heartbeats and peer expiry on the injected clock")
class HeartbeatsTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock();
    private final StubTransport transport = new StubTransport();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final List<String> gone = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private Membership membership;
    private Heartbeats heartbeats;

    @BeforeEach
    void setUp() {
        transport.onPublish((channel, payload) -> {
            published.add(payload);
            return CompletableFuture.completedFuture(null);
        });
        ClusterOptions options = ClusterOptions.builder().clock(clock).heartbeatInterval(INTERVAL).heartbeatTimeout(TIMEOUT)
                .build();
        NamespaceContext context = NamespaceContext.create(transport, new TrafficStats(), options, executor, thread -> false, Runnable::run,
                io.siocluster.core.wire.WireRoutes.channelsOnly());
        NamespaceSender sender = new NamespaceSender(context, "socket.io#/", "me", "/");
        membership = new Membership(clock, TIMEOUT);
        heartbeats = new Heartbeats(context, sender, membership, gone::add, "me", "/");
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    @Test
    @DisplayName("an idle node sends HEARTBEAT once heartbeatInterval has passed on the clock, not before")
    void heartbeatWhenIdle() {
        clock.advance(INTERVAL.minusMillis(1));
        heartbeats.tick();
        assertThat(published).isEmpty();

        clock.advance(Duration.ofMillis(1));
        heartbeats.tick();
        assertThat(published).singleElement().asString().contains("\"type\":2");

        heartbeats.tick();
        assertThat(published).hasSize(1); // the heartbeat itself counts as sending
    }

    @Test
    @DisplayName("a peer silent for longer than heartbeatTimeout is dropped and reported, one heard meanwhile stays")
    void expiry() {
        membership.heartbeat("quiet");
        membership.heartbeat("chatty");
        clock.advance(TIMEOUT.minusSeconds(1));
        membership.heartbeat("chatty");
        heartbeats.tick();
        assertThat(membership.peers()).containsExactlyInAnyOrder("quiet", "chatty");

        clock.advance(Duration.ofSeconds(2));
        heartbeats.tick();
        assertThat(membership.peers()).containsExactly("chatty");
        assertThat(gone).containsExactly("quiet");
    }

    @Test
    @DisplayName("ticks run ten times per heartbeatInterval")
    void period() {
        assertThat(heartbeats.period()).isEqualTo(Duration.ofMillis(500));
    }
}
