package io.siocluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.Transports;
import io.siocluster.spi.error.InvalidChannelNameException;
import io.siocluster.spi.error.TransportConfigurationException;
import io.siocluster.spi.error.TransportUnavailableException;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.tck.LivenessRecorder;
import io.siocluster.tck.MessageRecorder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Entries that are not this transport's, names that must not reach a key, and a Redis that is not there. */
class EntriesAndErrorsTest {

    @Test
    @DisplayName("malformed stream entries are dropped and counted; the entries around them arrive in order")
    void malformedEntriesDropped() throws Exception {
        String prefix = TestTransports.uniquePrefix("malformed");
        try (RedisTransport node = Nodes.up(RedisServer.sharedUrl(), prefix);
                RedisClient raw = RedisClient.create(RedisServer.sharedUrl());
                StatefulRedisConnection<byte[], byte[]> writer = raw.connect(ByteArrayCodec.INSTANCE)) {
            MessageRecorder received = new MessageRecorder();
            Nodes.ready(node.messaging().subscribe("ch", received));
            byte[] key = (prefix + "ch").getBytes(StandardCharsets.UTF_8);

            node.messaging().publish("ch", "first").toCompletableFuture().get(10, TimeUnit.SECONDS);
            writer.sync().xadd(key, bytes("other"), bytes("x"));                                  // no payload field
            writer.sync().xadd(key, bytes("payload"), bytes("a"), bytes("extra"), bytes("b"));    // two fields
            writer.sync().xadd(key, bytes("payload"), new byte[] {(byte) 0xC3, (byte) 0x28});     // not UTF-8
            node.messaging().publish("ch", "last").toCompletableFuture().get(10, TimeUnit.SECONDS);

            received.awaitPayload("malformed", "last");
            assertThat(received.payloads()).containsExactly("first", "last");
            assertThat(node.malformedEntries()).as("each malformed entry counted").isEqualTo(3);
        }
    }

    @Test
    @DisplayName("channel names with control characters never reach a key; a bad key prefix fails at creation naming the option")
    void namesAreChecked() {
        try (RedisTransport node = Nodes.up(RedisServer.sharedUrl(), TestTransports.uniquePrefix("names"))) {
            assertThat(failure(() -> node.messaging().subscribe("a\nb", (c, p) -> { })))
                    .isInstanceOf(InvalidChannelNameException.class).hasMessageContaining("U+000A");
            assertThat(node.messaging().publish("a\u0000b", "x").toCompletableFuture())
                    .failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause()
                    .isInstanceOf(InvalidChannelNameException.class);
        }
        TransportOptions badPrefix = TestTransports.options(RedisServer.sharedUrl(), "bad prefix*").build();
        assertThat(failure(() -> Transports.create(badPrefix))).isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining("redis.keyPrefix");
    }

    @Test
    @DisplayName("a Redis that is not there: the node stays DOWN, and publishing fails with a transient error that says why")
    void noRedis() throws Exception {
        RedisServer redis = RedisServer.startPrivate(false);
        String url = redis.url();
        redis.stop();
        try (RedisTransport node = (RedisTransport) Transports.create(TestTransports.options(url, "none:").build())) {
            assertThat(node.liveness().state()).isEqualTo(LivenessState.DOWN);
            Throwable failure = cause(() -> node.messaging().publish("ch", "x").toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertThat(failure).isInstanceOf(TransportUnavailableException.class).hasMessageContaining("not connected");
            assertThat(node.liveness().state()).isEqualTo(LivenessState.DOWN);
        }
    }

    @Test
    @DisplayName("a Redis stopped under a running node: DOWN at once, publishing fails fast, and UP again when it is back")
    void redisStopped() throws Exception {
        try (RedisServer redis = RedisServer.startPrivate(false);
                RedisTransport node = Nodes.up(redis.url(), "stopped:")) {
            LivenessRecorder events = new LivenessRecorder();
            node.liveness().addListener(events);
            redis.stop();
            events.awaitEvent("stopped", LivenessEvent.DOWN);

            long started = System.nanoTime();
            Throwable failure = cause(() -> node.messaging().publish("ch", "x").toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertThat(failure).isInstanceOf(TransportUnavailableException.class).hasMessageContaining("not connected");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("fails fast").isLessThan(Duration.ofSeconds(1));

            redis.start();
            await("back").atMost(Duration.ofSeconds(20)).until(() -> node.liveness().state() == LivenessState.UP);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Throwable failure(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    private interface Action {
        void run() throws Exception;
    }

    private static Throwable cause(Action action) throws Exception {
        try {
            action.run();
        } catch (ExecutionException | CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}
