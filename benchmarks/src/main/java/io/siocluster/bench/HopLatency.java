package io.siocluster.bench;

import io.siocluster.core.cluster.ClusterNamespace;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.postgres.PostgresOptions;
import io.siocluster.postgres.PostgresTransport;
import io.siocluster.redis.RedisOptions;
import io.siocluster.redis.RedisTransport;
import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The cluster's own cross-node path at a fixed low rate, without Socket.IO clients: two nodes in this JVM over
 * PostgreSQL (and Redis, with {@code --redis}), one broadcasting 100 B at {@code --rate} messages per second, the
 * other recording each message's latency. Each round runs twice, with the receiver's {@code LocalSide} saying
 * {@code handlesInPlace} false (the node's thread handles every message) and true (the transport's thread may
 * handle it in place), and prints p50 / p99 latency and, for the whole JVM over the measured window, CPU time
 * and voluntary context switches per message (from {@code /proc/self/task}; Linux only).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.siocluster.bench.HopLatency
 * --url=jdbc:postgresql://... [--redis=redis://...] [--rate=500] [--warmup=10s] [--duration=10s] [--rounds=2]}.
 * On a shared machine compare the two modes within one run (they alternate), not against other runs. With
 * {@code --url}, each round first measures the floor under the PostgreSQL hop, plain pgjdbc NOTIFY to LISTEN at the
 * same rate ({@link RawNotifyHop}, row {@code pgjdbc raw}).
 */
public final class HopLatency {

    private HopLatency() {
    }

    public static void main(String[] args) throws Exception {
        String url = flag(args, "url", System.getenv("SIO_PG_URL"));
        String redis = flag(args, "redis", null);
        int rate = Integer.parseInt(flag(args, "rate", "500"));
        Duration warmup = Duration.ofSeconds(Long.parseLong(flag(args, "warmup", "10s").replace("s", "")));
        Duration duration = Duration.ofSeconds(Long.parseLong(flag(args, "duration", "10s").replace("s", "")));
        int rounds = Integer.parseInt(flag(args, "rounds", "2"));
        System.out.printf(Locale.ROOT, "%d msgs/s, warm-up %ds, %ds measured; load average %s%n", rate,
                warmup.toSeconds(), duration.toSeconds(), loadAverage());
        System.out.printf(Locale.ROOT, "%-10s %-9s %7s %8s %8s %9s %9s %12s%n", "bus", "in place", "msgs",
                "p50 ms", "p99 ms", "CPU us/m", "vol sw/m", "involuntary/m");
        for (int round = 0; round < rounds; round++) {
            if (url != null) {
                List<Long> raw = RawNotifyHop.run(url, rate, warmup, duration);
                System.out.printf(Locale.ROOT, "%-10s %-9s %7d %8.2f %8.2f%n", "pgjdbc raw", "-", raw.size(),
                        percentile(raw, 0.50), percentile(raw, 0.99));
            }
            for (boolean inPlace : new boolean[] {false, true}) {
                if (url != null) {
                    run("postgres", () -> postgres(url), inPlace, rate, warmup, duration);
                }
                if (redis != null) {
                    run("redis", () -> redis(redis), inPlace, rate, warmup, duration);
                }
            }
        }
        System.out.printf(Locale.ROOT, "load average %s%n", loadAverage());
    }

    private static void run(String bus, Supplier<Transport> transports, boolean inPlace, int rate, Duration warmup,
            Duration duration) throws Exception {
        ClusterOptions options = ClusterOptions.builder().channelPrefix("hop" + System.nanoTime() % 100_000).build();
        try (Transport sendingBus = transports.get(); Transport receivingBus = transports.get()) {
            ClusterNode sender = ClusterNode.start(sendingBus, options);
            ClusterNode receiver = ClusterNode.start(receivingBus, options);
            RecordingLocalSide received = new RecordingLocalSide(inPlace);
            ClusterNamespace out = sender.namespace("/", new RecordingLocalSide(inPlace));
            ClusterNamespace in = receiver.namespace("/", received);
            CompletableFuture.allOf(out.ready().toCompletableFuture(), in.ready().toCompletableFuture())
                    .get(30, TimeUnit.SECONDS);
            String text = "x".repeat(100);
            send(out, text, rate, warmup);
            received.drain();
            long[] before = procTotals();
            int sent = send(out, text, rate, duration);
            long[] after = procTotals();
            received.awaitDeliveries(sent, Duration.ofSeconds(5)); // the last messages' way; lost ones show in the count
            List<Long> latencies = new ArrayList<>(received.drain());
            Collections.sort(latencies);
            double ticksToMicros = 1e6 / 100; // USER_HZ
            System.out.printf(Locale.ROOT, "%-10s %-9s %7d %8.2f %8.2f %9.0f %9.2f %12.2f%n", bus, inPlace,
                    latencies.size(), percentile(latencies, 0.50), percentile(latencies, 0.99),
                    (after[0] - before[0]) * ticksToMicros / sent, (after[1] - before[1]) / (double) sent,
                    (after[2] - before[2]) / (double) sent);
            sender.close();
            receiver.close();
        }
    }

    /** Sends at {@code rate} for {@code duration}, each message at its own deadline; returns how many. */
    private static int send(ClusterNamespace out, String text, int rate, Duration duration) {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int sent = 0;
        for (long next = start; next < end; next += interval) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            out.broadcast(BroadcastPacket.event("bench", System.nanoTime(), text), BroadcastOptions.ALL);
            sent++;
        }
        return sent;
    }

    /** CPU ticks (user + system), voluntary and involuntary context switches, summed over this JVM's threads. */
    private static long[] procTotals() throws IOException {
        long[] totals = new long[3];
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    totals[0] += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            totals[1] += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                            totals[2] += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return totals;
    }

    private static Transport postgres(String url) {
        return PostgresTransport.create(TransportOptions.builder()
                .option(TransportOptions.TRANSPORT, PostgresTransport.PROVIDER_NAME)
                .option(PostgresOptions.URL, url)
                .build());
    }

    private static Transport redis(String uri) {
        return RedisTransport.create(TransportOptions.builder()
                .option(TransportOptions.TRANSPORT, RedisTransport.PROVIDER_NAME)
                .option(RedisOptions.URI, uri)
                .build());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String flag(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size()))) / 1e6;
    }
}
