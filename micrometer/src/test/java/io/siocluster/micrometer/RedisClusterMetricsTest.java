package io.siocluster.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.siocluster.core.cluster.ClusterNamespace;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.redis.RedisOptions;
import io.siocluster.redis.RedisTransport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.cluster.FakeLocalSide;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The transport and delivery meters on Redis ({@code SIO_REDIS_URL}, default the machine's Redis on 6379). Not the
 * whole contract: Redis has no blob store, so its attachment rules do not apply.
 */
@DisplayName("cluster meters on Redis")
class RedisClusterMetricsTest extends ClusterMetricsContract {

    private final String prefix = "sio-metrics-" + UUID.randomUUID().toString().substring(0, 8);

    @Override
    RedisTransport newTransport() {
        String url = System.getenv().getOrDefault("SIO_REDIS_URL", "redis://127.0.0.1:6379");
        return RedisTransport.create(TransportOptions.builder()
                .option(RedisOptions.URI, url)
                .option(RedisOptions.KEY_PREFIX, prefix)
                .build());
    }

    @Override
    @Test
    @DisplayName("published messages are batched, metered and timed until the bus delivers them back")
    void traffic() throws Exception {
        ClusterNode a = startNode(newTransport());
        ClusterNode b = startNode(newTransport());
        MeterRegistry metricsA = registryFor(a);
        ClusterNamespace nspA = join(a, new FakeLocalSide("a"));
        FakeLocalSide socketsB = new FakeLocalSide("b").addSocket("s1");
        join(b, socketsB);
        await().atMost(WAIT).until(() -> gauge(metricsA, "siocluster.peers") == 1);

        nspA.broadcast(BroadcastPacket.event("news", "small"), BroadcastOptions.ALL);

        await().atMost(WAIT).until(() -> socketsB.received("s1").size() == 1);
        await().atMost(WAIT).until(() -> metricsA.get("siocluster.delivery").functionTimer().count() >= 2);
        assertThat(metricsA.get("siocluster.delivery").functionTimer().totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(counter(metricsA, "siocluster.transport.batches")).isPositive();
        assertThat(counter(metricsA, "siocluster.transport.batch.messages")).isGreaterThanOrEqualTo(2);
    }
}
