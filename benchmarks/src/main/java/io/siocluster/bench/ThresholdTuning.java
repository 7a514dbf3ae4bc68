package io.siocluster.bench;

import io.siocluster.core.cluster.ClusterNamespace;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.embeddedpostgres.EmbeddedPostgresServer;
import io.siocluster.postgres.PostgresOptions;
import io.siocluster.postgres.PostgresTransport;
import io.siocluster.spi.TransportOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end broadcast latency between two nodes over PostgreSQL, inline versus attachment, by payload
 * size: the numbers to choose {@code payloadThreshold} by. For each size it sends the same messages twice,
 * once with the default threshold (inline below 8000 bytes) and once with threshold 1 (every message through
 * the attachments table), and prints p50/p99 latency and throughput.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.siocluster.bench.ThresholdTuning [jdbcUrl] [messages]
 * [inFlight]}. Without a URL (or {@code SIO_PG_URL}) it starts an embedded PostgreSQL. {@code inFlight} (default
 * 200) bounds the messages sent but not yet delivered: 1 measures latency unloaded, larger values under load.
 */
public final class ThresholdTuning {

    private static final int[] SIZES = {100, 1_000, 4_000, 7_900, 20_000, 100_000};

    private ThresholdTuning() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : System.getenv("SIO_PG_URL");
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        EmbeddedPostgresServer embedded = null;
        if (url == null || url.isBlank()) {
            embedded = EmbeddedPostgresServer.start();
            url = embedded.jdbcUrl();
            System.out.println("embedded PostgreSQL at " + url);
        }
        try {
            System.out.printf(Locale.ROOT, "%d messages per row, at most %d in flight%n", messages, inFlight);
            System.out.printf(Locale.ROOT, "%-8s %-10s %10s %10s %12s%n", "bytes", "path", "p50 ms", "p99 ms", "msg/s");
            for (int size : SIZES) {
                if (size < 8_000) {
                    run(url, size, messages, inFlight, 8_000, "inline");
                }
                run(url, size, messages, inFlight, 1, "attachment");
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static void run(String url, int size, int messages, int inFlight, int threshold, String path) throws Exception {
        String prefix = "bench" + System.nanoTime() % 100_000;
        ClusterOptions options = ClusterOptions.builder().channelPrefix(prefix).payloadThreshold(threshold).build();
        try (PostgresTransport sendingBus = transport(url); PostgresTransport receivingBus = transport(url)) {
            ClusterNode sender = ClusterNode.start(sendingBus, options);
            ClusterNode receiver = ClusterNode.start(receivingBus, options);
            RecordingLocalSide received = new RecordingLocalSide();
            ClusterNamespace out = sender.namespace("/", new RecordingLocalSide());
            ClusterNamespace in = receiver.namespace("/", received);
            CompletableFuture.allOf(out.ready().toCompletableFuture(), in.ready().toCompletableFuture())
                    .get(30, TimeUnit.SECONDS);
            String text = "x".repeat(size);
            int window = Math.min(inFlight, messages);
            long started = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                if (i >= window && !received.awaitDeliveries(1, Duration.ofSeconds(30))) {
                    break; // messages are being lost: report what arrived
                }
                out.broadcast(BroadcastPacket.event("bench", System.nanoTime(), text), BroadcastOptions.ALL);
            }
            received.awaitDeliveries(window, Duration.ofSeconds(30));
            double seconds = (System.nanoTime() - started) / 1e9;
            List<Long> latencies = new ArrayList<>(received.drain());
            Collections.sort(latencies);
            System.out.printf(Locale.ROOT, "%-8d %-10s %10.2f %10.2f %12.0f%s%n", size, path,
                    percentile(latencies, 0.50), percentile(latencies, 0.99), latencies.size() / seconds,
                    latencies.size() < messages ? "  (only " + latencies.size() + " arrived)" : "");
            sender.close();
            receiver.close();
        }
    }

    private static PostgresTransport transport(String url) {
        return PostgresTransport.create(TransportOptions.builder()
                .option(TransportOptions.TRANSPORT, PostgresTransport.PROVIDER_NAME)
                .option(PostgresOptions.URL, url)
                .build());
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size()))) / 1e6;
    }
}
