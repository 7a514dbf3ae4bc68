package io.siocluster.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One measured row: the driver's counts and latencies, the CPU seconds each server process, the bus (the PostgreSQL
 * backends or the redis-server process) and the driver used inside the measured window, each server's resident memory at the end,
 * and each server's memory sampled over the window.
 */
record RowResult(ServerKind kind, Workload workload, JsonNode driver, List<Double> serverCpuSeconds,
                 double busCpuSeconds, double driverCpuSeconds, List<Double> serverRssMegabytes,
                 List<MemoryTrace.Samples> memory) {

    static final String HEADER = "| server | workload | msgs/s | deliveries/s | cross-node p50 / p99 ms | local p50 / p99 ms"
            + " | lost | out of order | CPU us/msg: server 1 / server 2 / bus | driver CPU | server RSS MB |\n"
            + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    double seconds() {
        return driver.path("seconds").asDouble();
    }

    double completed() {
        return driver.path("completed").asDouble();
    }

    String tableRow() {
        StringBuilder cpu = new StringBuilder();
        for (double seconds : serverCpuSeconds) {
            cpu.append(perMessage(seconds)).append(" / ");
        }
        if (serverCpuSeconds.size() == 1) {
            cpu.append("- / ");
        }
        cpu.append(workload.clustered() ? perMessage(busCpuSeconds) : "-");
        String rss = serverRssMegabytes.stream().map(mb -> String.format(Locale.ROOT, "%.0f", mb))
                .collect(Collectors.joining(" / "));
        return String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %s | %s | %d | %d | %s | %.0f %% | %s |",
                kind.label(), workload.label(), driver.path("msgsPerSec").asDouble(),
                driver.path("deliveriesPerSec").asDouble(),
                latency("crossP50", "crossP99"), latency("localP50", "localP99"),
                driver.path("lost").asLong(), driver.path("outOfOrder").asLong(), cpu,
                100 * driverCpuSeconds / seconds(), rss);
    }

    /** "- server, workload: server 1 RSS ... heap ...; server 2 ...": how each server's memory moved in the window. */
    String memoryLine() {
        StringBuilder line = new StringBuilder("- ").append(kind.label()).append(", ").append(workload.label()).append(": ");
        for (int i = 0; i < memory.size(); i++) {
            line.append(i == 0 ? "" : "; ").append("server ").append(i + 1).append(' ').append(memory.get(i).summary());
        }
        return line.toString();
    }

    /**
     * "- server, workload: lead-in N s: a b c | d e f ...": messages fully delivered in each whole second since the
     * row's sending began, the measured window after the bar; a row still climbing after its lead-in shows here.
     */
    String rampLine() {
        int warm = driver.path("warmSeconds").asInt();
        StringBuilder line = new StringBuilder("- ").append(kind.label()).append(", ").append(workload.label())
                .append(": lead-in ").append(warm).append(" s:");
        JsonNode counts = driver.path("perSecond");
        int whole = Math.min(counts.size(), warm + (int) Math.floor(seconds())); // the last, part second left out
        for (int i = 0; i < whole; i++) {
            line.append(i == warm ? " |" : "").append(' ').append(counts.get(i).asLong());
        }
        return line.toString();
    }

    private String perMessage(double cpuSeconds) {
        return completed() <= 0 ? "-" : String.format(Locale.ROOT, "%,.0f", cpuSeconds * 1e6 / completed());
    }

    private String latency(String p50, String p99) {
        JsonNode low = driver.path(p50);
        JsonNode high = driver.path(p99);
        if (!low.isNumber() || !high.isNumber()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f / %.2f", low.asDouble(), high.asDouble());
    }
}
