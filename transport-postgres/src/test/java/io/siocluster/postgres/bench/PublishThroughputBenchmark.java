package io.siocluster.postgres.bench;

import io.siocluster.postgres.PostgresOptions;
import io.siocluster.postgres.PostgresTransport;
import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publish throughput of 100-byte payloads delivered to a listener on another node, batched (the default)
 * against one {@code SELECT pg_notify(?, ?)} per message ({@code maxBatchSize = 1}), each with replay off and
 * on (the replay table written in the NOTIFY's statement). Not a test: run it by hand, after
 * {@code mvn -pl transport-postgres -am install -DskipTests}:
 * {@code mvn -pl transport-postgres exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.siocluster.postgres.bench.PublishThroughputBenchmark -Dexec.args="jdbc:postgresql://..."}.
 * Argument: a JDBC URL (default: local PostgreSQL on 127.0.0.1:5432, database test, user postgres). The clock
 * runs from the first publish to the last delivery.
 */
public final class PublishThroughputBenchmark {

    private static final int IN_FLIGHT = 5_000;

    private PublishThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        String payloadBase = "x".repeat(100);
        System.out.println("PostgreSQL: " + url);
        run(url, "warm-up batched", 1_000, 50_000, payloadBase, false);
        run(url, "warm-up batched, replay", 1_000, 50_000, payloadBase, true);
        run(url, "warm-up single", 1, 5_000, payloadBase, false);
        run(url, "warm-up single, replay", 1, 5_000, payloadBase, true);
        double single = run(url, "one statement per message", 1, 30_000, payloadBase, false);
        double singleReplay = run(url, "one per message, replay on", 1, 30_000, payloadBase, true);
        double batched = run(url, "batched (maxBatchSize 1000)", 1_000, 300_000, payloadBase, false);
        double batchedReplay = run(url, "batched, replay on", 1_000, 300_000, payloadBase, true);
        System.out.printf(Locale.ROOT, "speed-up: %.1fx; replay on keeps %.0f %% (one per message) and %.0f %% (batched)"
                + " of the rate%n", batched / single, 100 * singleReplay / single, 100 * batchedReplay / batched);
    }

    private static double run(String url, String label, int maxBatchSize, int messages, String payloadBase,
            boolean replay) throws Exception {
        TransportOptions.Builder options = TransportOptions.builder()
                .option(PostgresOptions.URL, url)
                .option(PostgresOptions.REPLAY, replay)
                .option(PostgresOptions.TABLE_NAME, "bench_attachments")
                .option(PostgresOptions.MAX_BATCH_SIZE, maxBatchSize)
                .option(PostgresOptions.QUEUE_CAPACITY, IN_FLIGHT * 2);
        String channel = "bench_" + Long.toHexString(System.nanoTime());
        try (Transport publisher = PostgresTransport.create(options.build());
                Transport listener = PostgresTransport.create(options.build())) {
            CountDownLatch allDelivered = new CountDownLatch(messages);
            AtomicInteger received = new AtomicInteger();
            listener.messaging().subscribe(channel, (c, p) -> {
                received.incrementAndGet();
                allDelivered.countDown();
            }).ready().toCompletableFuture().get(10, TimeUnit.SECONDS);

            Semaphore window = new Semaphore(IN_FLIGHT);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                window.acquireUninterruptibly();
                // Unique payloads of exactly 100 bytes, as a real envelope would be.
                String n = Integer.toString(i);
                String payload = n + payloadBase.substring(n.length());
                publisher.messaging().publish(channel, payload).whenComplete((ok, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                    window.release();
                });
            }
            if (!allDelivered.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException(label + ": only " + received.get() + " of " + messages + " delivered");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failure.get() != null) {
                throw new IllegalStateException(label + ": a publish failed", failure.get());
            }
            double rate = messages / seconds;
            System.out.printf(Locale.ROOT, "%-30s %,9d messages in %6.2f s = %,10.0f msg/s delivered%n",
                    label, messages, seconds, rate);
            return rate;
        }
    }
}
