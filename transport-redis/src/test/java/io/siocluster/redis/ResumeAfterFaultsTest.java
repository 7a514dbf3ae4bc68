package io.siocluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.tck.LivenessRecorder;
import io.siocluster.tck.MessageRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Faults that must lose no message still in the stream: the reading connection killed, and Redis restarted
 * mid-traffic. Each runs on a redis-server of its own. Every message whose publish succeeded is counted and
 * must arrive exactly once, in order.
 */
class ResumeAfterFaultsTest {

    private static final int MESSAGES = 2_000;

    @Test
    @DisplayName("CLIENT KILL of the reading connection mid-traffic: DOWN, then UP (no gap), and every published message arrives once, in order")
    void readerKilled() throws Exception {
        try (RedisServer redis = RedisServer.startPrivate(false);
                RedisTransport subscriber = Nodes.up(redis.url(), "kill:");
                RedisTransport publisher = Nodes.up(redis.url(), "kill:");
                RedisClient admin = RedisClient.create(redis.url());
                StatefulRedisConnection<String, String> adminConnection = admin.connect()) {
            MessageRecorder received = new MessageRecorder();
            Nodes.ready(subscriber.messaging().subscribe("ch", received));
            LivenessRecorder events = new LivenessRecorder();
            subscriber.liveness().addListener(events);

            List<String> published = new ArrayList<>();
            List<CompletableFuture<Void>> stages = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                if (i == MESSAGES / 2) {
                    long killed = adminConnection.sync().clientKill(
                            io.lettuce.core.KillArgs.Builder.typeNormal().id(readerId(adminConnection, subscriber)));
                    assertThat(killed).as("the reading connection was killed").isEqualTo(1);
                }
                String payload = "m" + i;
                stages.add(publisher.messaging().publish("ch", payload).toCompletableFuture()
                        .thenRun(() -> { }));
                published.add(payload);
            }
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            received.awaitCount("all messages", MESSAGES, Duration.ofSeconds(30));
            assertThat(received.payloads()).as("every message once, in order").containsExactlyElementsOf(published);
            events.awaitEvent("back", LivenessEvent.UP);
            assertThat(events.events()).as("a killed reader that lost nothing resumes: DOWN then UP")
                    .containsExactly(LivenessEvent.DOWN, LivenessEvent.UP);
        }
    }

    @Test
    @DisplayName("Redis restarted mid-traffic (append-only, so the stream survives): every message whose publish succeeded arrives once, in order")
    void redisRestarted() throws Exception {
        try (RedisServer redis = RedisServer.startPrivate(true);
                RedisTransport subscriber = Nodes.up(redis.url(), "restart:");
                RedisTransport publisher = Nodes.up(redis.url(), "restart:")) {
            MessageRecorder received = new MessageRecorder();
            Nodes.ready(subscriber.messaging().subscribe("ch", received));
            LivenessRecorder events = new LivenessRecorder();
            subscriber.liveness().addListener(events);

            List<String> accepted = new ArrayList<>();
            publishCounting(publisher, 0, MESSAGES / 2, accepted);
            redis.stop();
            events.awaitEvent("down", LivenessEvent.DOWN);
            int failedWhileDown = publishCounting(publisher, MESSAGES / 2, MESSAGES / 2 + 10, accepted);
            redis.start();
            await("publisher back").atMost(Duration.ofSeconds(20))
                    .until(() -> publisher.liveness().state() == io.siocluster.spi.liveness.LivenessState.UP);
            publishCounting(publisher, MESSAGES / 2 + 10, MESSAGES, accepted);

            received.awaitCount("accepted messages", accepted.size(), Duration.ofSeconds(30));
            assertThat(failedWhileDown).as("publishes while Redis is down fail fast").isEqualTo(10);
            assertThat(received.payloads()).as("every accepted message once, in order").containsExactlyElementsOf(accepted);
            assertThat(events.events()).as("the stream was reloaded with every entry: no gap")
                    .containsExactly(LivenessEvent.DOWN, LivenessEvent.UP);
        }
    }

    @Test
    @DisplayName("Redis restarted without persistence: the node reports UP_AFTER_GAP and receives what is published afterwards")
    void redisRestartedEmpty() throws Exception {
        try (RedisServer redis = RedisServer.startPrivate(false);
                RedisTransport subscriber = Nodes.up(redis.url(), "empty:");
                RedisTransport publisher = Nodes.up(redis.url(), "empty:")) {
            MessageRecorder received = new MessageRecorder();
            Nodes.ready(subscriber.messaging().subscribe("ch", received));
            LivenessRecorder events = new LivenessRecorder();
            subscriber.liveness().addListener(events);
            publisher.messaging().publish("ch", "before").toCompletableFuture().get(10, TimeUnit.SECONDS);
            received.awaitPayload("before", "before");

            redis.stop();
            events.awaitEvent("down", LivenessEvent.DOWN);
            redis.start();
            events.awaitEvent("back after losing the stream", LivenessEvent.UP_AFTER_GAP, Duration.ofSeconds(20));
            await("publisher back").atMost(Duration.ofSeconds(20))
                    .until(() -> publisher.liveness().state() == io.siocluster.spi.liveness.LivenessState.UP);
            publisher.messaging().publish("ch", "after").toCompletableFuture().get(10, TimeUnit.SECONDS);

            received.awaitPayload("after", "after");
            assertThat(received.payloads()).containsExactly("before", "after");
        }
    }

    @Test
    @DisplayName("entries trimmed (MAXLEN ~) while a node was cut off: UP_AFTER_GAP, then what is left, in order")
    void trimmedWhileAway() throws Exception {
        String prefix = TestTransports.uniquePrefix("trim");
        try (ProxiedNodes proxied = new ProxiedNodes(RedisServer.sharedUrl(), prefix);
                RedisTransport subscriber = (RedisTransport) io.siocluster.spi.Transports.create(proxied.nextNode());
                RedisTransport publisher = (RedisTransport) io.siocluster.spi.Transports.create(
                        TestTransports.options(RedisServer.sharedUrl(), prefix).option(RedisOptions.MAX_LEN, 10).build())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.liveness().state() == LivenessState.UP);
            MessageRecorder received = new MessageRecorder();
            Nodes.ready(subscriber.messaging().subscribe("ch", received));
            publisher.messaging().publish("ch", "before").toCompletableFuture().get(10, TimeUnit.SECONDS);
            received.awaitPayload("before", "before");
            LivenessRecorder events = new LivenessRecorder();
            subscriber.liveness().addListener(events);

            try (AutoCloseable outage = proxied.cutter().cut(subscriber)) {
                events.awaitEvent("cut", LivenessEvent.DOWN);
                for (int i = 0; i < 1_000; i++) {
                    publisher.messaging().publish("ch", "m" + i).toCompletableFuture().get(10, TimeUnit.SECONDS);
                }
            }
            events.awaitEvent("back", LivenessEvent.UP_AFTER_GAP, Duration.ofSeconds(20));
            received.awaitPayload("the last one", "m999");

            List<String> after = received.payloads().subList(1, received.payloads().size());
            assertThat(after.size()).as("entries were trimmed").isLessThan(1_000);
            int first = Integer.parseInt(after.get(0).substring(1));
            List<String> suffix = new ArrayList<>();
            for (int i = first; i < 1_000; i++) {
                suffix.add("m" + i);
            }
            assertThat(after).as("what the stream still held, once each, in order").containsExactlyElementsOf(suffix);
            assertThat(events.events()).containsExactly(LivenessEvent.DOWN, LivenessEvent.UP_AFTER_GAP);
        }
    }

    /** Publishes m{from}..m{to-1}; adds the accepted ones to {@code accepted}; returns how many failed. */
    private static int publishCounting(RedisTransport publisher, int from, int to, List<String> accepted) {
        int failed = 0;
        for (int i = from; i < to; i++) {
            String payload = "m" + i;
            try {
                publisher.messaging().publish("ch", payload).toCompletableFuture().get(10, TimeUnit.SECONDS);
                accepted.add(payload);
            } catch (Exception e) {
                failed++;
            }
        }
        return failed;
    }

    private static long readerId(StatefulRedisConnection<String, String> admin, RedisTransport node) {
        for (String line : admin.sync().clientList().split("\n")) {
            if (line.contains(" name=" + node.instanceName() + "-read ")) {
                for (String field : line.split(" ")) {
                    if (field.startsWith("id=")) {
                        return Long.parseLong(field.substring(3));
                    }
                }
            }
        }
        throw new AssertionError("no connection named " + node.instanceName() + "-read in CLIENT LIST");
    }
}
