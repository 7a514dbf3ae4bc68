package io.siocluster.redis;

import static org.awaitility.Awaitility.await;

import io.siocluster.spi.Transports;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.spi.messaging.Subscription;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Small helpers the transport's own tests share. */
final class Nodes {

    private Nodes() {
    }

    static RedisTransport up(String url, String keyPrefix) {
        RedisTransport node = (RedisTransport) Transports.create(TestTransports.options(url, keyPrefix).build());
        await("node reaches UP").atMost(Duration.ofSeconds(10)).until(() -> node.liveness().state() == LivenessState.UP);
        return node;
    }

    static Subscription ready(Subscription subscription) throws Exception {
        subscription.ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return subscription;
    }
}
