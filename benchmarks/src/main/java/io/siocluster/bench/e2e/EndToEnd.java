package io.siocluster.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The end-to-end benchmark: starts each cluster in turn on 127.0.0.1 (two servers over one PostgreSQL: the
 * Node reference server, then the Java server with websocket compression off and on; with
 * {@code --servers=node-redis,java-redis} two servers over one Redis), warms it, drives every workload with
 * the Node load driver and prints one table. The "no cluster" rows run one server
 * without the store factory (Node: without the adapter), as the ceiling.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.siocluster.bench.e2e.EndToEnd [--url=jdbc:postgresql://...]
 *      [--warmup=10s] [--lead-in=10s] [--duration=10s] [--servers=node,java-off,java-on] [--rows=2x2-100,...]
 *      [--window=64] [--java-opts="-Xmx1g ..."] [--node-dir=benchmarks/src/main/node] [--logs=DIR] [--stats=5s]
 *      [--redis=redis://127.0.0.1:6379/0]
 * </pre>
 *
 * Without {@code --url} it uses {@code SIO_PG_URL}, else an embedded PostgreSQL; without {@code --redis},
 * {@code SIO_REDIS_URL}, else 127.0.0.1:6379 (only when a Redis server kind is selected). Each Redis cluster
 * uses streams (and, for Node, pub/sub channels) named after the run, deleted after its rows. In {@code --java-opts},
 * {@code {port}} becomes the server's port (e.g. for one JFR file per server). Every server and driver writes
 * its standard error to {@code --logs}; nothing is logged per message. {@code --stats=5s} makes each Java server
 * log its publish and echo times every 5 s there ({@link TrafficReport}).
 */
public final class EndToEnd {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Flags flags;
    private final BenchDatabase database;
    private final @Nullable BenchRedis redis;
    private final String runName = "siobench-" + Instant.now().getEpochSecond();
    private final Path nodeDirectory;
    private final Path logs;
    private final Duration warmUp;
    private final Duration duration;
    private final Duration leadIn;
    private final int window;

    private EndToEnd(Flags flags, BenchDatabase database, @Nullable BenchRedis redis, Path nodeDirectory, Path logs) {
        this.flags = flags;
        this.database = database;
        this.redis = redis;
        this.nodeDirectory = nodeDirectory;
        this.logs = logs;
        this.warmUp = flags.duration("warmup", Duration.ofSeconds(10));
        this.duration = flags.duration("duration", Duration.ofSeconds(10));
        this.leadIn = flags.duration("lead-in", Duration.ofSeconds(Workload.LEAD_IN_SECONDS));
        this.window = flags.integer("window", 64);
    }

    public static void main(String[] args) throws Exception {
        Flags flags = Flags.parse(args);
        List<ServerKind> kinds = Arrays.stream(Objects.requireNonNull(flags.string("servers", "node,java-off,java-on"))
                .split(",")).map(ServerKind::byId).toList();
        List<Workload> rows = selectedRows(Objects.requireNonNull(flags.string("rows", "all")));
        Path nodeDirectory = NodeSide.directory(flags.string("node-dir", null));
        NodeSide.install(nodeDirectory);
        Path logs = Path.of(Objects.requireNonNull(flags.string("logs",
                Path.of(System.getProperty("java.io.tmpdir"), "sio-e2e-" + Instant.now().getEpochSecond()).toString())));
        Files.createDirectories(logs);
        boolean needsRedis = kinds.stream().anyMatch(kind -> kind.bus() == ServerKind.Bus.REDIS);
        try (BenchDatabase database = BenchDatabase.open(flags.string("url", System.getenv("SIO_PG_URL")));
             BenchRedis redis = needsRedis ? BenchRedis.open(Objects.requireNonNull(
                     flags.string("redis", BenchRedis.defaultUrl()))) : null) {
            EndToEnd run = new EndToEnd(flags, database, redis, nodeDirectory, logs);
            System.err.printf("PostgreSQL %s;%s logs in %s; warm-up %s, %s lead-in and %s measured per row%n",
                    database.isEmbedded() ? "embedded" : "from --url / SIO_PG_URL",
                    redis == null ? "" : " Redis " + redis.url() + ";", logs, run.warmUp, run.leadIn, run.duration);
            long started = System.nanoTime();
            List<RowResult> results = new ArrayList<>();
            for (ServerKind kind : kinds) {
                results.addAll(run.group(kind, true, rows.stream().filter(Workload::clustered).toList()));
                results.addAll(run.group(kind, false, rows.stream().filter(w -> !w.clustered()).toList()));
            }
            System.out.printf("%nEnd-to-end, %d cores, load average %s, warm-up %ds per cluster, %ds lead-in and %ds"
                            + " measured per row, PostgreSQL %s%s, took %ds%n%n", Runtime.getRuntime().availableProcessors(),
                    loadAverage(), run.warmUp.toSeconds(), run.leadIn.toSeconds(), run.duration.toSeconds(), database.isEmbedded() ? "embedded" : "external",
                    redis == null ? "" : ", Redis " + redis.url(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
            System.out.println(RowResult.HEADER);
            results.forEach(result -> System.out.println(result.tableRow()));
            System.out.printf("%nMemory over each measured window (sampled every second; the second tenth of the window"
                    + " -> its last tenth):%n%n");
            results.forEach(result -> System.out.println(result.memoryLine()));
            System.out.printf("%nMessages fully delivered per second, from the start of each row's lead-in (the"
                    + " measured window after the bar):%n%n");
            results.forEach(result -> System.out.println(result.rampLine()));
        }
    }

    private static List<Workload> selectedRows(String selection) {
        if (selection.equals("all")) {
            return Workload.table();
        }
        List<String> ids = Arrays.stream(selection.split(",")).map(String::trim).toList();
        List<Workload> rows = Workload.all().stream().filter(w -> ids.contains(w.id())).toList();
        if (rows.size() != ids.size()) {
            throw new IllegalArgumentException("--rows: unknown row in '" + selection + "'; rows are "
                    + Workload.all().stream().map(Workload::id).collect(Collectors.joining(",")));
        }
        return rows;
    }

    /** Starts the servers of one cluster (or the single unclustered server), warms them, measures the rows. */
    private List<RowResult> group(ServerKind kind, boolean clustered, List<Workload> rows) throws Exception {
        if (rows.isEmpty()) {
            return List.of();
        }
        int count = clustered ? 2 : 1;
        List<ChildProcess> servers = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                int port = freePort();
                ports.add(port);
                servers.add(startServer(kind, port, clustered));
            }
            System.err.printf("%s, %s: warming up for %ds%n", kind.label(), clustered ? "clustered" : "no cluster",
                    warmUp.toSeconds());
            for (Workload.WarmUp part : Workload.warmUps(clustered)) {
                drive(kind, part.load(), ports, servers, 0, part.of(warmUp));
            }
            List<RowResult> results = new ArrayList<>();
            for (Workload row : rows) {
                RowResult result = drive(kind, row, ports, servers, (int) leadIn.toSeconds(), duration);
                System.err.println(result.tableRow());
                results.add(result);
            }
            return results;
        } finally {
            for (ChildProcess server : servers) {
                server.close();
            }
            if (redis != null && kind.bus() == ServerKind.Bus.REDIS) {
                redis.deleteKeys(busName(kind)); // the streams can hold MAXLEN entries of 20 kB each
            }
        }
    }

    /** The key prefix (Java) or stream and channel name (Node) of one Redis cluster of this run. */
    private String busName(ServerKind kind) {
        return runName + "-" + kind.id();
    }

    private ChildProcess startServer(ServerKind kind, int port, boolean clustered) throws Exception {
        List<String> command = new ArrayList<>();
        if (kind.isJava()) {
            command.add(ProcessHandle.current().info().command().orElse("java"));
            String javaOpts = Objects.requireNonNull(flags.string("java-opts", "")).replace("{port}", Integer.toString(port));
            Arrays.stream(javaOpts.split("\\s+")).filter(s -> !s.isBlank()).forEach(command::add);
            command.addAll(List.of("-cp", absoluteClassPath(), JavaBenchServer.class.getName(),
                    "--port=" + port, "--cluster=" + (clustered ? "on" : "off"),
                    "--compression=" + (kind.compression() ? "on" : "off"),
                    "--stats=" + flags.string("stats", "0s")));
            if (kind.bus() == ServerKind.Bus.REDIS) {
                command.addAll(List.of("--redis=" + Objects.requireNonNull(redis).url(), "--key-prefix=" + busName(kind) + "-",
                        "--wire=" + (kind == ServerKind.JAVA_REDIS_NODE_WIRE ? "redis-streams" : "channel-text")));
            } else {
                command.add("--url=" + database.jdbcUrl());
            }
        } else {
            command.addAll(List.of("node", "server.js", "--port=" + port, "--cluster=" + (clustered ? "on" : "off")));
            if (kind.bus() == ServerKind.Bus.REDIS) {
                command.addAll(List.of("--redis=" + Objects.requireNonNull(redis).url(), "--stream=" + busName(kind)));
            } else {
                command.add("--pg=" + database.nodeUrl());
            }
        }
        String name = kind.id() + "-" + port;
        ChildProcess server = ChildProcess.start(name, command, nodeDirectory, logs.resolve(name + ".log"));
        server.awaitLine(line -> line.startsWith("ready"), Duration.ofSeconds(60));
        return server;
    }

    /**
     * Runs the driver once; CPU is read when it says the measured window starts and ends. After the window
     * the driver waits for the backlog (until nothing arrives for 3 s, at most 30 s) before it counts losses.
     */
    private RowResult drive(ServerKind kind, Workload workload, List<Integer> ports, List<ChildProcess> servers,
                            int warmSeconds, Duration measured) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "driver.js",
                "--ports=" + ports.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--window=" + window, "--warm=" + warmSeconds, "--duration=" + measured.toMillis() / 1000.0,
                "--drain=3"));
        command.addAll(workload.driverArguments());
        String name = "driver-" + kind.id() + "-" + workload.id();
        try (ChildProcess driver = ChildProcess.start(name, command, nodeDirectory, logs.resolve(name + ".log"))) {
            driver.awaitLine(line -> line.contains("\"start\""), Duration.ofSeconds(120));
            List<Long> bus = !workload.clustered() ? List.of()
                    : kind.bus() == ServerKind.Bus.REDIS ? List.of(Objects.requireNonNull(redis).serverPid())
                    : database.backendPids();
            double[] before = cpu(servers, bus, driver);
            List<MemoryTrace.Samples> memory;
            try (MemoryTrace trace = MemoryTrace.start(servers)) {
                driver.awaitLine(line -> line.contains("\"end\""), measured.plusSeconds(60));
                memory = trace.samples();
            }
            double[] after = cpu(servers, bus, driver);
            JsonNode result = JSON.readTree(driver.awaitLine(line -> line.contains("\"result\""),
                    Duration.ofSeconds(120)));
            List<Double> serverCpu = new ArrayList<>();
            for (int i = 0; i < servers.size(); i++) {
                serverCpu.add(after[i] - before[i]);
            }
            int n = servers.size();
            List<Double> rss = servers.stream().map(server -> ProcessRss.megabytes(server.pid())).toList();
            return new RowResult(kind, workload, result, serverCpu, after[n] - before[n], after[n + 1] - before[n + 1], rss,
                    memory);
        }
    }

    private static double[] cpu(List<ChildProcess> servers, List<Long> bus, ChildProcess driver) {
        double[] seconds = new double[servers.size() + 2];
        for (int i = 0; i < servers.size(); i++) {
            seconds[i] = ProcessCpu.seconds(servers.get(i).pid());
        }
        seconds[servers.size()] = ProcessCpu.seconds(bus);
        seconds[servers.size() + 1] = ProcessCpu.seconds(driver.pid());
        return seconds;
    }

    /** This JVM's class path with absolute entries: the servers run in the Node folder. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    static Path jarDirectory() {
        try {
            return Path.of(EndToEnd.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of(".");
        }
    }
}
