package io.siocluster.bench.e2e;

import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.TrafficStats;
import io.siocluster.netty.SocketIOCluster;
import io.siocluster.spi.metrics.TransportMetrics;
import io.siocluster.spi.support.NamedThreads;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where a cluster message's time goes on the sending node, from the core's traffic hooks, printed to standard
 * error every interval (one line, never per message): the mean time from handing a message to the outbox
 * until the transport confirmed the publish (the bus round trip, PostgreSQL's statement), the mean time until
 * the bus delivered it back to this node (publish, NOTIFY, listener and hand-off: {@code DeliveryTimes}), and
 * the transport's mean batch size. The driver's cross-node latency minus the echo time is what the receiving
 * node spends between the bus and its clients.
 */
final class TrafficReport {

    private long published;
    private long publishNanos;
    private long delivered;
    private long deliveryNanos;
    private long batches;
    private long batchedMessages;

    private TrafficReport() {
    }

    /** Starts printing every {@code interval} while the cluster runs; the thread is a daemon. */
    static void start(SocketIOCluster cluster, Duration interval, String name) {
        TrafficReport report = new TrafficReport();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(NamedThreads.single("bench", "traffic-report"));
        timer.scheduleAtFixedRate(() -> cluster.node().ifPresent(node -> System.err.println(name + " " + report.next(node))),
                interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String next(ClusterNode node) {
        TrafficStats traffic = node.traffic();
        long nowPublished = traffic.publishedTotal();
        long nowPublishNanos = traffic.publishNanosTotal();
        long nowDelivered = traffic.deliveredCount();
        long nowDeliveryNanos = traffic.deliveryNanosTotal();
        long nowBatches = node.transportMetrics().map(TransportMetrics::batchesPublished).orElse(0L);
        long nowBatched = node.transportMetrics().map(TransportMetrics::messagesPublished).orElse(0L);
        String line = String.format(Locale.ROOT,
                "published %d, mean publish %.3f ms; echoed %d, mean echo %.3f ms (max so far %.1f ms); mean batch %.1f",
                nowPublished - published, meanMillis(nowPublishNanos - publishNanos, nowPublished - published),
                nowDelivered - delivered, meanMillis(nowDeliveryNanos - deliveryNanos, nowDelivered - delivered),
                traffic.deliveryNanosMax() / 1e6,
                nowBatches == batches ? 0.0 : (double) (nowBatched - batchedMessages) / (nowBatches - batches));
        published = nowPublished;
        publishNanos = nowPublishNanos;
        delivered = nowDelivered;
        deliveryNanos = nowDeliveryNanos;
        batches = nowBatches;
        batchedMessages = nowBatched;
        return line;
    }

    private static double meanMillis(long nanos, long count) {
        return count == 0 ? 0.0 : nanos / 1e6 / count;
    }
}
