package io.siocluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.Transports;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.tck.MessageRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Publishing from the transport's own Lettuce I/O thread (an application that broadcasts from a callback of its own
 * Redis command on the client it gave the transport). A publish normally writes its XADD in place when nothing is
 * queued before it; on that thread a write goes out at once, ahead of the publisher thread's writes still waiting in
 * the thread's task queue, so there it must queue instead. With one I/O thread every connection shares it.
 */
class PublishOnIoThreadTest {

    private static final int MESSAGES = 2_000;

    @Test
    @DisplayName("publishes made on the transport's Lettuce I/O thread arrive in the order they were made")
    void publishesFromTheIoThreadKeepTheirOrder() throws Exception {
        String url = RedisServer.sharedUrl();
        String prefix = TestTransports.uniquePrefix("iothread");
        ClientResources oneThread = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
        RedisClient client = RedisClient.create(oneThread, RedisURI.create(url));
        try (RedisTransport publisher = (RedisTransport) Transports.create(TransportOptions.builder()
                        .option(TransportOptions.TRANSPORT, RedisTransport.PROVIDER_NAME)
                        .option(RedisOptions.CLIENT, client)
                        .option(RedisOptions.KEY_PREFIX, prefix)
                        .build());
                RedisTransport subscriber = Nodes.up(url, prefix);
                StatefulRedisConnection<String, String> own = client.connect()) {
            await("publisher UP").atMost(Duration.ofSeconds(10))
                    .until(() -> publisher.liveness().state() == LivenessState.UP);
            MessageRecorder received = new MessageRecorder();
            Nodes.ready(subscriber.messaging().subscribe("ch", received));

            List<String> published = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                published.add("m" + i);
            }
            // Another thread publishes meanwhile, so the right to write is sometimes taken and some of the I/O
            // thread's publishes queue for the publisher thread, whose writes then wait in the I/O thread's queue.
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread other = new Thread(() -> {
                for (int i = 0; i < 3_000 && !stop.get(); i++) { // with the 2,000 below, within the 10,000 in flight
                    publisher.messaging().publish("other", "x");
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                }
            }, "test-other-publisher");
            other.start();
            // The application's own command; its callback runs on the client's only I/O thread.
            CompletableFuture<Void> done = own.async().ping().toCompletableFuture().thenCompose(pong -> {
                List<CompletableFuture<Void>> stages = new ArrayList<>();
                for (String payload : published) {
                    stages.add(publisher.messaging().publish("ch", payload).toCompletableFuture());
                    // the application's own work between publishes: time for the publisher thread to catch up
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                }
                return CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new));
            });
            try {
                done.get(30, TimeUnit.SECONDS);
            } finally {
                stop.set(true);
                other.join(5_000);
            }

            received.awaitCount("every message", MESSAGES, Duration.ofSeconds(30));
            assertThat(received.payloads()).as("in the order published").containsExactlyElementsOf(published);
        } finally {
            client.shutdown();
            oneThread.shutdown();
        }
    }
}
