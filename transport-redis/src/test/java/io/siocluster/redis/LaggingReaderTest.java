package io.siocluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.siocluster.spi.Transports;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.messaging.MessageListener;
import io.siocluster.tck.LivenessRecorder;
import io.siocluster.tck.MessageRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A node that stays connected but reads slower than the stream grows: once it is more than {@code MAXLEN}
 * behind, entries it had not read are trimmed away. That loss must be reported (UP_AFTER_GAP while up), not
 * skipped silently as if the stream had jumped.
 */
class LaggingReaderTest {

    private static final int BURST = 2_000;

    @Test
    @DisplayName("a connected reader held back past MAXLEN ~ reports UP_AFTER_GAP (no DOWN), and delivers what is left, in order")
    void lagPastMaxLenIsReported() throws Exception {
        String prefix = TestTransports.uniquePrefix("lag");
        String url = RedisServer.sharedUrl();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MessageRecorder received = new MessageRecorder();
        MessageListener slow = (channel, payload) -> {
            received.onMessage(channel, payload);
            if (payload.equals("m0")) {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS); // holds the node's delivery thread: the reader falls behind
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (RedisTransport subscriber = (RedisTransport) Transports.create(
                        TestTransports.options(url, prefix).option(RedisOptions.READ_COUNT, 10).build());
                RedisTransport publisher = (RedisTransport) Transports.create(
                        TestTransports.options(url, prefix).option(RedisOptions.MAX_LEN, 10)
                                .option(RedisOptions.COMMAND_TIMEOUT, Duration.ofSeconds(10)).build());
                RedisClient admin = RedisClient.create(url);
                StatefulRedisConnection<String, String> adminConnection = admin.connect()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.liveness().state() == io.siocluster.spi.liveness.LivenessState.UP
                    && publisher.liveness().state() == io.siocluster.spi.liveness.LivenessState.UP);
            Nodes.ready(subscriber.messaging().subscribe("ch", slow));
            LivenessRecorder events = new LivenessRecorder();
            subscriber.liveness().addListener(events);

            publisher.messaging().publish("ch", "m0").toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(entered.await(10, TimeUnit.SECONDS)).as("the listener holds m0").isTrue();
            try {
                List<CompletableFuture<Void>> stages = new ArrayList<>();
                for (int i = 1; i < BURST; i++) {
                    stages.add(publisher.messaging().publish("ch", "m" + i).toCompletableFuture());
                }
                CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                assertThat(adminConnection.sync().xlen(prefix + "ch")).as("MAXLEN ~ 10 trimmed the stream").isLessThan(BURST / 2);
            } finally {
                release.countDown();
            }

            received.awaitPayload("the last one", "m" + (BURST - 1), Duration.ofSeconds(20));
            events.awaitEvent("the trimmed entries are reported", LivenessEvent.UP_AFTER_GAP, Duration.ofSeconds(10));
            assertThat(events.events()).as("gaps while connected (one per read that found entries trimmed): no DOWN, no UP")
                    .isNotEmpty().containsOnly(LivenessEvent.UP_AFTER_GAP);
            List<Integer> numbers = received.payloads().stream().map(p -> Integer.parseInt(p.substring(1))).toList();
            assertThat(numbers).as("entries were lost").hasSizeLessThan(BURST);
            assertThat(numbers).as("what arrived is in order, each once").isSorted().doesNotHaveDuplicates();
        }
    }
}
