package io.siocluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.spi.Transports;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.tck.LivenessRecorder;
import io.siocluster.tck.MessageRecorder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A network that goes silent without closing anything: the blocked XREAD never answers, so only its time limit
 * (block timeout + command timeout + a second per MiB of the largest payload) can tell. The reader checks its
 * reads' deadlines on the control thread; this proves a read that is never answered still ends in DOWN, and that
 * what was published meanwhile arrives once the network flows again.
 */
class StalledNetworkTest {

    @Test
    @DisplayName("a silent network under a blocked XREAD: DOWN within the read's time limit, then UP (no gap), and what was published meanwhile arrives once, in order")
    void silentNetworkIsNoticedByTheReadDeadline() throws Exception {
        String url = RedisServer.sharedUrl();
        String prefix = TestTransports.uniquePrefix("stall");
        URI target = URI.create(url);
        try (CuttableProxy proxy = new CuttableProxy(target.getPort() < 0 ? 6379 : target.getPort());
                RedisTransport subscriber = (RedisTransport) Transports.create(TestTransports
                        .options(url.replace(":" + target.getPort(), ":" + proxy.port()), prefix)
                        .option(RedisOptions.COMMAND_TIMEOUT, Duration.ofMillis(500))
                        .option(RedisOptions.MAX_PAYLOAD_BYTES, 1024 * 1024) // a second of slack: limit 0.5 + 0.5 + 1 s
                        .build());
                RedisTransport publisher = Nodes.up(url, prefix)) {
            await("subscriber UP").atMost(Duration.ofSeconds(10))
                    .until(() -> subscriber.liveness().state() == LivenessState.UP);
            MessageRecorder received = new MessageRecorder();
            Nodes.ready(subscriber.messaging().subscribe("ch", received));
            LivenessRecorder events = new LivenessRecorder();
            subscriber.liveness().addListener(events);
            publisher.messaging().publish("ch", "before").toCompletableFuture().get(5, TimeUnit.SECONDS);
            received.awaitPayload("a message before the stall", "before");

            List<String> published = new ArrayList<>(List.of("before"));
            long stalled;
            try (AutoCloseable silent = proxy.freeze()) {
                stalled = System.nanoTime();
                for (int i = 0; i < 50; i++) {
                    publisher.messaging().publish("ch", "m" + i).toCompletableFuture().get(5, TimeUnit.SECONDS);
                    published.add("m" + i);
                }
                events.awaitEvent("the unanswered read reports DOWN", LivenessEvent.DOWN, Duration.ofSeconds(10));
            }
            long noticedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stalled);

            events.awaitEvent("back once the network flows", LivenessEvent.UP, Duration.ofSeconds(15));
            received.awaitCount("everything published during the stall", published.size(), Duration.ofSeconds(15));
            assertThat(received.payloads()).as("once each, in order").containsExactlyElementsOf(published);
            assertThat(events.events()).as("nothing was lost: DOWN then UP").containsExactly(LivenessEvent.DOWN, LivenessEvent.UP);
            assertThat(noticedMillis).as("noticed after the read's limit (2 s), not much later").isBetween(1_000L, 6_000L);
        }
    }
}
