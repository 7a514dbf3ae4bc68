package io.siocluster.bench.e2e;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.core.wire.WireFormat;
import io.siocluster.netty.EngineIo4ChannelInitializer;
import io.siocluster.netty.SocketIOCluster;
import io.siocluster.postgres.PostgresTransport;
import io.siocluster.redis.RedisOptions;
import io.siocluster.redis.RedisTransport;
import io.siocluster.spi.TransportOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * The Java contract server of the end-to-end benchmark: a plain netty-socketio 2.0.14 server, clustered over
 * PostgreSQL ({@code --url}) or Redis ({@code --redis}, streams under {@code --key-prefix}; {@code --wire=redis-streams}
 * for Node's stream entries, default {@code channel-text}) by
 * {@link SocketIOCluster#attach} unless {@code --cluster=off}. It does what the Node reference
 * server ({@code benchmarks/src/main/node/server.js}) does:
 * <ul>
 *   <li>a client whose handshake query has {@code room=x} joins room {@code x};</li>
 *   <li>event {@code bcast} is relayed to every client of the cluster with
 *       {@code server.getBroadcastOperations().sendEvent(...)}, the sender included;</li>
 *   <li>event {@code room} is relayed to the clients of room {@code r} with {@code getRoomOperations(r)}.</li>
 * </ul>
 * Websocket compression (permessage-deflate) is set explicitly from {@code --compression=on|off}, so the
 * benchmark never depends on a library default. It prints {@code ready} once it listens and runs until its
 * standard input closes (or it is killed); nothing is logged per message. {@code --stats=5s} prints the
 * cluster's publish and echo times every 5 s to standard error ({@link TrafficReport}). Once a second it prints its
 * heap after the last collection to standard output ({@link HeapReport}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.siocluster.bench.e2e.JavaBenchServer --port=9201 \
 *      --url=jdbc:postgresql://127.0.0.1:5432/db?user=postgres --compression=off --cluster=on
 * java ... JavaBenchServer --port=9201 --redis=redis://127.0.0.1:6379/4 --key-prefix=bench- --compression=off
 * </pre>
 */
public final class JavaBenchServer {

    private JavaBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Flags flags = Flags.parse(args);
        int port = flags.integer("port", 9201);
        boolean compression = flags.onOff("compression", false);
        boolean clustered = flags.onOff("cluster", true);
        String url = flags.string("url", System.getenv("SIO_PG_URL"));
        @Nullable String redis = flags.string("redis", null);
        String keyPrefix = Objects.requireNonNull(flags.string("key-prefix", ""));

        Configuration config = new Configuration();
        config.setHostname("127.0.0.1");
        config.setPort(port);
        config.setRandomSession(true);
        config.setWebsocketCompression(compression);
        config.getSocketConfig().setReuseAddress(true);
        @Nullable HikariDataSource pool = null;
        @Nullable SocketIOCluster cluster = null;
        if (clustered && redis != null) {
            TransportOptions options = TransportOptions.builder().option(RedisOptions.URI, redis)
                    .option(RedisOptions.KEY_PREFIX, keyPrefix).build();
            WireFormat wire = "redis-streams".equals(flags.string("wire", "channel-text"))
                    ? WireFormat.REDIS_STREAMS : WireFormat.CHANNEL_TEXT;
            cluster = SocketIOCluster.attach(config, () -> RedisTransport.create(options),
                    ClusterOptions.builder().wireFormat(wire).build());
        } else if (clustered) {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("--cluster=on needs --url=jdbc:postgresql://... or SIO_PG_URL");
            }
            HikariConfig poolConfig = new HikariConfig();
            poolConfig.setJdbcUrl(url);
            poolConfig.setMaximumPoolSize(4);
            poolConfig.setPoolName("bench-" + port);
            HikariDataSource clusterPool = new HikariDataSource(poolConfig);
            pool = clusterPool;
            cluster = SocketIOCluster.attach(config, () -> PostgresTransport.create(clusterPool));
        }
        overrideFromProperties(config);
        SocketIOServer server = new SocketIOServer(config);
        server.setPipelineFactory(new EngineIo4ChannelInitializer());
        server.addConnectListener(client -> {
            String room = client.getHandshakeData().getSingleUrlParam("room");
            if (room != null && !room.isEmpty()) {
                client.joinRoom(room);
            }
        });
        server.addEventListener("bcast", BenchMessage.class,
                (client, message, ack) -> server.getBroadcastOperations().sendEvent("bcast", message));
        server.addEventListener("room", BenchMessage.class, (client, message, ack) -> {
            if (message.r != null) {
                server.getRoomOperations(message.r).sendEvent("room", message);
            }
        });
        server.start();
        Duration stats = flags.duration("stats", Duration.ZERO);
        if (cluster != null && !stats.isZero()) {
            TrafficReport.start(cluster, stats, "port " + port + ":");
        }
        HeapReport.start();
        System.out.printf("ready port=%d cluster=%s bus=%s compression=%s pid=%d%n", port, clustered ? "on" : "off",
                !clustered ? "none" : redis != null ? "redis" : "postgres", compression ? "on" : "off",
                ProcessHandle.current().pid());
        System.out.flush();

        CountDownLatch stdinClosed = new CountDownLatch(1);
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the runner never writes; end of input means it is done with us
                }
            } catch (java.io.IOException ignored) {
                // treated as end of input
            }
            stdinClosed.countDown();
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
        stdinClosed.await();
        server.stop();
        if (pool != null) {
            pool.close();
        }
    }

    /**
     * Server settings to compare within one build ({@code --java-opts="-Dbench.workerThreads=4 -Dbench.epoll=false"}
     * reproduces netty-socketio's own defaults): set after {@code attach}, as a user would.
     */
    private static void overrideFromProperties(Configuration config) {
        String workers = System.getProperty("bench.workerThreads");
        if (workers != null) {
            config.setWorkerThreads(Integer.parseInt(workers));
        }
        String epoll = System.getProperty("bench.epoll");
        if (epoll != null) {
            config.setUseLinuxNativeEpoll(Boolean.parseBoolean(epoll));
        }
    }
}
