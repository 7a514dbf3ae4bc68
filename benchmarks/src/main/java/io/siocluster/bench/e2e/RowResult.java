package io.siocluster.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * One measured row: the driver's counts and latencies, and the CPU seconds each server process, the
 * PostgreSQL backends and the driver used inside the measured window.
 */
record RowResult(ServerKind kind, Workload workload, JsonNode driver, List<Double> serverCpuSeconds,
                 double postgresCpuSeconds, double driverCpuSeconds) {

    static final String HEADER = "| server | workload | msgs/s | deliveries/s | cross-node p50 / p99 ms | local p50 / p99 ms"
            + " | lost | out of order | CPU us/msg: server 1 / server 2 / PostgreSQL | driver CPU |\n"
            + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|";

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
        cpu.append(workload.clustered() ? perMessage(postgresCpuSeconds) : "-");
        return String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %s | %s | %d | %d | %s | %.0f %% |",
                kind.label(), workload.label(), driver.path("msgsPerSec").asDouble(),
                driver.path("deliveriesPerSec").asDouble(),
                latency("crossP50", "crossP99"), latency("localP50", "localP99"),
                driver.path("lost").asLong(), driver.path("outOfOrder").asLong(), cpu,
                100 * driverCpuSeconds / seconds());
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
