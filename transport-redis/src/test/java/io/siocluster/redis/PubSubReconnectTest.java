package io.siocluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.messaging.PubSubMessaging;
import io.siocluster.tck.LivenessRecorder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pub/sub facet across a lost connection: reported, subscribed again by itself, counted again. */
class PubSubReconnectTest {

    @Test
    @DisplayName("CLIENT KILL of the subscribing connection: DOWN then UP, the channel is subscribed again and counted again")
    void subscriberKilled() throws Exception {
        String url = RedisServer.sharedUrl();
        String prefix = TestTransports.uniquePrefix("pubsub-kill");
        try (RedisTransport subscriber = Nodes.up(url, prefix);
                RedisTransport publisher = Nodes.up(url, prefix);
                RedisClient admin = RedisClient.create(url);
                StatefulRedisConnection<String, String> adminConnection = admin.connect()) {
            PubSubMessaging received = subscriber.messaging().pubSub().orElseThrow();
            PubSubMessaging sender = publisher.messaging().pubSub().orElseThrow();
            Queue<String> payloads = new ConcurrentLinkedQueue<>();
            received.subscribe("ch", (channel, payload) -> payloads.add(new String(payload, StandardCharsets.UTF_8)))
                    .ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(sender.subscriberCount("ch").toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(1);
            LivenessRecorder events = new LivenessRecorder();
            subscriber.liveness().addListener(events);

            long killed = adminConnection.sync().clientKill(KillArgs.Builder
                    .id(connectionId(adminConnection, subscriber.instanceName() + "-subscribe")));
            assertThat(killed).as("the subscribing connection was killed").isEqualTo(1);

            events.awaitEvent("back", LivenessEvent.UP);
            assertThat(events.events()).containsExactly(LivenessEvent.DOWN, LivenessEvent.UP);
            // At most once: what went out before the new SUBSCRIBE is lost, so publish until one arrives.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                sender.publish("ch", "after".getBytes(StandardCharsets.UTF_8));
                return payloads.contains("after");
            });
            assertThat(sender.subscriberCount("ch").toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .as("one subscriber again, not two").isEqualTo(1);
            assertThat(List.copyOf(payloads)).containsOnly("after");
        }
    }

    private static long connectionId(StatefulRedisConnection<String, String> admin, String name) {
        for (String line : admin.sync().clientList().split("\n")) {
            if (line.contains(" name=" + name + " ")) {
                for (String field : line.split(" ")) {
                    if (field.startsWith("id=")) {
                        return Long.parseLong(field.substring(3));
                    }
                }
            }
        }
        throw new AssertionError("no connection named " + name + " in CLIENT LIST");
    }
}
