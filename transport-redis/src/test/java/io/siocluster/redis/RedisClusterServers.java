package io.siocluster.redis;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of this test's own: {@code redis-server --cluster-enabled yes} processes on 127.0.0.1 (free
 * ports whose cluster bus port, +10000, is free too), joined by {@code redis-cli --cluster create} with no
 * replicas, ready once every node says {@code cluster_state:ok}. A node can be killed and started again on its
 * port with its node file, so it comes back as the same primary of the same slots. {@link #shared()} is one
 * cluster for the kits of this JVM, stopped when it exits.
 */
public final class RedisClusterServers implements AutoCloseable {

    private static RedisClusterServers shared;

    private final Path dir;
    private final boolean persistent;
    private final int[] ports;
    private final Process[] processes;

    private RedisClusterServers(Path dir, boolean persistent, int[] ports) {
        this.dir = dir;
        this.persistent = persistent;
        this.ports = ports;
        this.processes = new Process[ports.length];
    }

    /** The cluster the kits of this JVM share (3 primaries, not persistent). */
    public static synchronized RedisClusterServers shared() {
        if (shared == null) {
            shared = start(3, false);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /**
     * Starts {@code nodes} primaries and creates the cluster. {@code persistent}: an append-only file synced on every
     * write, so a killed node restarts with every stream entry.
     */
    public static RedisClusterServers start(int nodes, boolean persistent) {
        return start(nodes, 0, persistent);
    }

    /**
     * Starts {@code primaries * (1 + replicasEach)} nodes and creates a cluster in which each primary has
     * {@code replicasEach} replicas ({@code redis-cli} picks which node is which).
     */
    public static RedisClusterServers start(int primaries, int replicasEach, boolean persistent) {
        int nodes = primaries * (1 + replicasEach);
        RedisClusterServers cluster = null;
        try {
            cluster = new RedisClusterServers(Files.createTempDirectory("sio-redis-cluster-"), persistent, freePorts(nodes));
            for (int i = 0; i < nodes; i++) {
                cluster.startNode(i);
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            for (int port : cluster.ports) {
                create.add("127.0.0.1:" + port);
            }
            create.addAll(List.of("--cluster-replicas", Integer.toString(replicasEach), "--cluster-yes"));
            String out = run(create, Duration.ofSeconds(30));
            if (!out.contains("[OK] All 16384 slots covered")) {
                throw new IllegalStateException("redis-cli --cluster create failed:\n" + out);
            }
            cluster.awaitOk();
            RedisClusterServers created = cluster;
            await("every replica in sync with its primary").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        for (int i = 0; i < nodes; i++) {
                            String replication = created.cli(i, "info", "replication");
                            if (!replication.contains("role:master") && !replication.contains("master_link_status:up")) {
                                return false;
                            }
                        }
                        return true;
                    });
            return cluster;
        } catch (IOException | RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            }
            throw new IllegalStateException("cannot start a Redis Cluster (redis-server and redis-cli on the PATH?)", e);
        }
    }

    /** The seed list for {@link RedisOptions#URI} with {@link RedisOptions#CLUSTER}. */
    public String seeds() {
        return java.util.Arrays.stream(ports).mapToObj(p -> "redis://127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    public int port(int node) {
        return ports[node];
    }

    public int size() {
        return ports.length;
    }

    /** Which node serves {@code slot}, as the first running node's {@code CLUSTER NODES} says. */
    public int nodeOfSlot(int slot) {
        int asked = 0;
        while (!running(asked)) {
            asked++;
        }
        String nodes = cli(asked, "cluster", "nodes");
        for (String line : nodes.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length < 9 || !f[2].contains("master")) {
                continue;
            }
            int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')));
            for (int i = 8; i < f.length; i++) {
                if (f[i].startsWith("[")) {
                    continue; // a slot being migrated or imported
                }
                String[] range = f[i].split("-");
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                if (slot >= from && slot <= to) {
                    for (int n = 0; n < ports.length; n++) {
                        if (ports[n] == port) {
                            return n;
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("no node serves slot " + slot + ":\n" + nodes);
    }

    /** {@code redis-cli -p <node's port> args...}: its output. */
    public String cli(int node, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(ports[node])));
        command.addAll(List.of(args));
        try {
            return run(command, Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized boolean running(int node) {
        return processes[node] != null;
    }

    /** SIGKILL: the node dies at once, as in a crash (an append-only file keeps what was synced). */
    public synchronized void kill(int node) {
        Process process = processes[node];
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        processes[node] = null;
    }

    /** Starts a killed node again (same port, node file and data directory) and waits for the whole cluster. */
    public void restart(int node) throws IOException {
        startNode(node);
        awaitOk();
    }

    /** Every running node answers and says {@code cluster_state:ok}. */
    public void awaitOk() {
        await("Redis Cluster state ok").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (int i = 0; i < ports.length; i++) {
                if (running(i) && !cli(i, "cluster", "info").contains("cluster_state:ok")) {
                    return false;
                }
            }
            return true;
        });
    }

    private synchronized void startNode(int node) throws IOException {
        int port = ports[node];
        Path nodeDir = Files.createDirectories(dir.resolve("node-" + port));
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", "2000",
                "--cluster-replica-validity-factor", "0", "--save", "", "--dir", nodeDir.toString(), "--daemonize", "no"));
        command.addAll(persistent ? List.of("--appendonly", "yes", "--appendfsync", "always")
                : List.of("--appendonly", "no"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir.resolve("redis.log").toFile())).start();
        processes[node] = process;
        await("redis-server on port " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("redis-server on port " + port + " exited; see "
                                + nodeDir.resolve("redis.log"));
                    }
                    return RedisServer.command(port, "PING").equals("+PONG");
                });
    }

    @Override
    public synchronized void close() {
        for (int i = 0; i < processes.length; i++) {
            kill(i);
        }
    }

    private static String run(List<String> command, Duration limit) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(command + " did not finish in " + limit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Ports in 20000-39999 free now, whose cluster bus ports (+10000) are free too. */
    private static int[] freePorts(int count) {
        int[] found = new int[count];
        int n = 0;
        for (int attempt = 0; n < count && attempt < 1_000; attempt++) {
            int port = 20_000 + ThreadLocalRandom.current().nextInt(20_000);
            if (free(port) && free(port + 10_000) && java.util.Arrays.stream(found, 0, n).noneMatch(p -> p == port)) {
                found[n++] = port;
            }
        }
        if (n < count) {
            throw new IllegalStateException("no free ports for a Redis Cluster");
        }
        return found;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
