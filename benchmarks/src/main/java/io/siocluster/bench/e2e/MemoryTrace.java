package io.siocluster.bench.e2e;

import io.siocluster.spi.support.NamedThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Each server's memory over one measured window, sampled once a second on a daemon thread: resident memory
 * ({@link ProcessRss}) and, for a Java server, its heap after the last collection ({@link HeapReport}). The summary
 * compares the second tenth of the window with its last tenth (the first tenth still settles), so growth under
 * steady load shows as a number.
 */
final class MemoryTrace implements AutoCloseable {

    /** One server's samples, in megabytes; heap samples stay empty for a Node server. */
    record Samples(List<Double> rss, List<Double> heap) {

        String summary() {
            return String.format(Locale.ROOT, "RSS %s; heap after GC %s", span(rss), heap.isEmpty() ? "-" : span(heap));
        }

        /** "early -> late (max M)": means of the second and the last tenth of the samples, and the largest one. */
        private static String span(List<Double> samples) {
            if (samples.size() < 3) {
                return samples.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f", samples.get(samples.size() - 1));
            }
            int tenth = Math.max(1, samples.size() / 10);
            double early = mean(samples.subList(tenth, 2 * tenth));
            double late = mean(samples.subList(samples.size() - tenth, samples.size()));
            double max = samples.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            return String.format(Locale.ROOT, "%.0f -> %.0f (max %.0f) MB", early, late, max);
        }

        private static double mean(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }
    }

    private final List<ChildProcess> servers;
    private final List<Samples> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(NamedThreads.single("bench", "memory-trace"));

    private MemoryTrace(List<ChildProcess> servers) {
        this.servers = servers;
        servers.forEach(server -> samples.add(new Samples(new ArrayList<>(), new ArrayList<>())));
    }

    /** Starts sampling now, once a second, until {@link #close()}. */
    static MemoryTrace start(List<ChildProcess> servers) {
        MemoryTrace trace = new MemoryTrace(servers);
        trace.timer.scheduleAtFixedRate(trace::sample, 0, 1, TimeUnit.SECONDS);
        return trace;
    }

    private synchronized void sample() {
        for (int i = 0; i < servers.size(); i++) {
            ChildProcess server = servers.get(i);
            samples.get(i).rss().add(ProcessRss.megabytes(server.pid()));
            long heap = server.heapAfterGcBytes();
            if (heap >= 0) {
                samples.get(i).heap().add(heap / 1e6);
            }
        }
    }

    /** Stops sampling; the samples of each server, in the servers' order. */
    synchronized List<Samples> samples() {
        return List.copyOf(samples);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
