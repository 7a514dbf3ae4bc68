package io.siocluster.netty;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import io.siocluster.core.cluster.ClusterHealth;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.core.cluster.ClusterStats;
import io.siocluster.netty.internal.ClusterRuntime;
import io.siocluster.netty.internal.NettyLocalSide;
import io.siocluster.netty.internal.ServerDefaults;
import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.Transports;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Socket.IO cluster API over a netty-socketio server, named as in Socket.IO's server API:
 *
 * <pre>{@code
 * Configuration config = new Configuration();
 * config.setPort(9092);
 * SocketIOCluster cluster = SocketIOCluster.attach(config, () -> PostgresTransport.create(dataSource));
 * SocketIOServer server = new SocketIOServer(config);
 * server.setPipelineFactory(new EngineIo4ChannelInitializer()); // binary for Socket.IO v3/v4 clients
 * server.start();                                        // joins the cluster
 *
 * cluster.of("/").to("room1").emit("news", "hello");     // every node's clients in room1
 * cluster.of("/").timeout(Duration.ofSeconds(2)).emitWithAck("ping")
 *        .thenAccept(answers -> ...);                   // every client's acknowledgement
 * cluster.of("/").in("room1").fetchSockets()
 *        .thenAccept(sockets -> sockets.forEach(s -> s.emit("hi")));
 * }</pre>
 *
 * Everything is asynchronous and nothing blocks: stages complete on the cluster's thread or on the calling
 * thread, so keep what you chain on them short (or use the {@code ...Async} variants with your executor).
 * Operations before {@code server.start()} or after {@code server.stop()} fail with
 * {@link IllegalStateException}.
 */
public final class SocketIOCluster {

    private final ClusterStoreFactory factory;
    private final Instant created;

    SocketIOCluster(ClusterStoreFactory factory) {
        this.factory = factory;
        this.created = factory.options().clock().instant();
    }

    /**
     * Makes the servers built from {@code configuration} clustered: sets a {@link ClusterStoreFactory} on it. This
     * is the one way in (drop-in and cluster API alike). Call it before {@code new SocketIOServer(configuration)}
     * (the server copies its configuration, TLS settings included).
     */
    public static SocketIOCluster attach(Configuration configuration, Supplier<? extends Transport> transports,
            ClusterOptions options) {
        Objects.requireNonNull(configuration, "configuration");
        ClusterStoreFactory factory = new ClusterStoreFactory(configuration, transports, options);
        configuration.setStoreFactory(factory);
        // websocket compression off, Node's 1 MB frame and content limits, the brief exception listener
        ServerDefaults.apply(configuration);
        return factory.cluster();
    }

    /** {@link #attach(Configuration, Supplier, ClusterOptions)} with the Node adapter's default options. */
    public static SocketIOCluster attach(Configuration configuration, Supplier<? extends Transport> transports) {
        return attach(configuration, transports, ClusterOptions.defaults());
    }

    /** {@link #attach(Configuration, Supplier, ClusterOptions)} with transports made by provider discovery. */
    public static SocketIOCluster attach(Configuration configuration, TransportOptions transportOptions,
            ClusterOptions options) {
        Objects.requireNonNull(transportOptions, "transportOptions");
        return attach(configuration, () -> Transports.create(transportOptions), options);
    }

    /**
     * The cluster of a server whose configuration holds a {@link ClusterStoreFactory}.
     *
     * @throws IllegalArgumentException when the server's store factory is another one
     */
    public static SocketIOCluster of(SocketIOServer server) {
        if (server.getConfiguration().getStoreFactory() instanceof ClusterStoreFactory factory) {
            return factory.cluster();
        }
        throw new IllegalArgumentException("the server's store factory is "
                + server.getConfiguration().getStoreFactory()
                + ", not a ClusterStoreFactory: use SocketIOCluster.attach(configuration, ...) before creating the server");
    }

    /**
     * A namespace of the cluster, as Socket.IO's {@code io.of(name)}: {@code "/"} (or {@code ""}) is the
     * default one, {@code "/chat"} (or {@code "chat"}) another. The namespace joins the cluster on first use.
     */
    public NamespaceOperator of(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        return new NamespaceOperator(factory, io.siocluster.core.protocol.ChannelNames.wireNamespace(namespace), null);
    }

    /**
     * Sets the socket's {@code data}, which {@link BroadcastOperator#fetchSockets()} returns on every node (Socket.IO's
     * {@code socket.data}). Values are copied: null, Boolean, Number, String, byte[], List, Map, or any object the
     * server's JSON support can write.
     *
     * @throws IllegalArgumentException when the value cannot be converted
     */
    public void setSocketData(SocketIOClient client, @Nullable Object data) {
        String key = NettyLocalSide.dataKey(client.getNamespace().getName());
        if (data == null) {
            client.del(key);
            return;
        }
        ClusterRuntime runtime = factory.runtime().orElseThrow(() -> new IllegalStateException(
                "the cluster is stopped: start the SocketIOServer first"));
        client.set(key, runtime.converter().value(data));
    }

    /** The socket's {@code data} as {@link #setSocketData} stored it (converted), or null. */
    public @Nullable Object socketData(SocketIOClient client) {
        return client.get(NettyLocalSide.dataKey(client.getNamespace().getName()));
    }

    /** Whether the server runs and is part of the cluster. */
    public boolean isRunning() {
        return factory.runtime().isPresent();
    }

    /** The running node's counters (dropped messages, local-only operations), while the server runs. */
    public Optional<ClusterStats> stats() {
        return factory.runtime().map(runtime -> runtime.node().stats());
    }

    /**
     * UP while the server runs and its transport is up, DEGRADED while the transport is down (operations reach
     * this node's sockets only), DOWN before the server starts and after it stops; with the reason and since when.
     * Never throws.
     */
    public ClusterHealth health() {
        return factory.lastNode().map(ClusterNode::health)
                .orElseGet(() -> ClusterHealth.down("the SocketIOServer has not started", created));
    }

    /**
     * The node of the running server, for monitoring ({@link ClusterNode#traffic()}, {@link ClusterNode#stats()},
     * {@link ClusterNode#health()}); empty while the server is stopped. A new node replaces it at every start.
     */
    public Optional<ClusterNode> node() {
        return factory.runtime().map(ClusterRuntime::node);
    }

    public ClusterOptions options() {
        return factory.options();
    }

    /** The store factory behind this cluster. */
    public ClusterStoreFactory storeFactory() {
        return factory;
    }
}
