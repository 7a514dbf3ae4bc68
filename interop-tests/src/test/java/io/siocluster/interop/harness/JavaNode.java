package io.siocluster.interop.harness;

import io.siocluster.core.wire.WireFormat;
import io.siocluster.redis.RedisOptions;
import io.siocluster.redis.RedisTransport;
import io.siocluster.core.cluster.ClusterNamespace;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.postgres.PostgresOptions;
import io.siocluster.postgres.PostgresTransport;
import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.Transports;
import io.siocluster.tck.cluster.FakeLocalSide;
import io.siocluster.testsupport.PostgresDatabase;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A Java cluster node over PostgreSQL in the default namespace, with a {@link FakeLocalSide} for its sockets.
 * {@link #close()} leaves the orderly way (ADAPTER_CLOSE); {@link #crash()} drops the database connections without
 * a word, as a killed process would.
 */
public final class JavaNode implements AutoCloseable {

    private final String name;
    private final Transport transport;
    private final ClusterNode node;
    private final ClusterNamespace namespace;
    private final FakeLocalSide local;

    private JavaNode(String name, Transport transport, ClusterOptions options) {
        this.name = name;
        this.transport = transport;
        this.local = new FakeLocalSide(name);
        // Remote clients and applications answer a little later, on another thread.
        local.answerOn(CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
        local.answerAcksWith((socket, packet) -> Optional.of("java:" + socket));
        local.answerServerSideEmitWith(packet -> Optional.of("java-server"));
        this.node = ClusterNode.start(transport, options);
        this.namespace = node.namespace("/", local);
    }

    /** Starts a node and waits until it has listened for its peers' answers. */
    public static JavaNode start(String name, PostgresDatabase db, String table, ClusterOptions options) {
        JavaNode started = new JavaNode(name, Transports.create(transportOptions(db, table, name)), options);
        started.namespace.ready().toCompletableFuture().join();
        return started;
    }

    /** Starts a node with the test class's table and channel prefix and the default test {@link #options}. */
    public static JavaNode start(String name, PostgresDatabase db, ClusterNames names) {
        return start(name, db, names.table(), options(names.channelPrefix()).build());
    }

    /**
     * Starts a node on Redis speaking Node's redis-streams-adapter framing ({@link WireFormat#REDIS_STREAMS}) on the
     * stream {@code streamName}, and waits until it reads it.
     */
    public static JavaNode onRedis(String name, String redisUrl, String streamName) {
        return onRedis(name, redisUrl, streamName, 1);
    }

    /** As {@link #onRedis(String, String, String)}, the namespaces spread over {@code streamCount} streams as Node's. */
    public static JavaNode onRedis(String name, String redisUrl, String streamName, int streamCount) {
        Transport transport = redisTransport(name, redisUrl);
        JavaNode started = new JavaNode(name, transport, options(streamName).wireFormat(WireFormat.REDIS_STREAMS)
                .streamCount(streamCount).build());
        started.namespace.ready().toCompletableFuture().join();
        return started;
    }

    /** A Redis transport selected by name, as an application would, reconnecting within a second or so. */
    public static Transport redisTransport(String name, String redisUrl) {
        return Transports.create(TransportOptions.builder()
                .option(TransportOptions.TRANSPORT, RedisTransport.PROVIDER_NAME)
                .option(RedisOptions.URI, redisUrl)
                .option(RedisOptions.INSTANCE_NAME, name)
                .option(RedisOptions.RECONNECT_BACKOFF_MAX, Duration.ofMillis(500))
                .build());
    }

    /** Cluster options for tests: Node's defaults but the channel prefix, and one-second heartbeats. */
    public static ClusterOptions.Builder options(String channelPrefix) {
        return ClusterOptions.builder().channelPrefix(channelPrefix)
                .heartbeatInterval(Duration.ofSeconds(1)).heartbeatTimeout(Duration.ofSeconds(10));
    }

    /**
     * A transport on the test database with this table, selected by name as an application would, that reconnects
     * within a second or so after losing the database.
     */
    public static TransportOptions transportOptions(PostgresDatabase db, String table, String instanceName) {
        TransportOptions.Builder builder = TransportOptions.builder()
                .option(TransportOptions.TRANSPORT, PostgresTransport.PROVIDER_NAME)
                .option(PostgresOptions.URL, db.jdbcUrl())
                .option(PostgresOptions.TABLE_NAME, table)
                .option(PostgresOptions.INSTANCE_NAME, instanceName)
                .option(PostgresOptions.RECONNECT_BACKOFF_MAX, Duration.ofMillis(500))
                .option(PostgresOptions.PING_INTERVAL, Duration.ofSeconds(1));
        db.user().ifPresent(user -> builder.option(PostgresOptions.USER, user));
        db.password().ifPresent(password -> builder.option(PostgresOptions.PASSWORD, password));
        return builder.build();
    }

    public String name() {
        return name;
    }

    public ClusterNamespace namespace() {
        return namespace;
    }

    public ClusterNode node() {
        return node;
    }

    public Transport transport() {
        return transport;
    }

    public FakeLocalSide local() {
        return local;
    }

    /** Connects a fake socket with {@code data}, in {@code rooms}. */
    public void connect(String id, @Nullable Object data, String... rooms) {
        local.addSocket(id, FakeLocalSide.defaultHandshake(name, id), data, rooms);
    }

    /** How many servers this node counts, itself included. */
    public int serverCount() {
        return namespace.serverCount().toCompletableFuture().join();
    }

    /** Says goodbye (ADAPTER_CLOSE), then closes the database connections. */
    @Override
    public void close() {
        node.close();
        transport.close();
    }

    /** Closes the database connections first: no goodbye reaches the cluster, heartbeats just stop. */
    public void crash() {
        transport.close();
        node.close();
    }
}
