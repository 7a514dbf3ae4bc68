package io.siocluster.netty;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.handler.AuthorizeHandler;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import com.corundumstudio.socketio.protocol.JsonSupport;
import com.corundumstudio.socketio.store.MemoryStore;
import com.corundumstudio.socketio.store.Store;
import com.corundumstudio.socketio.store.StoreFactory;
import com.corundumstudio.socketio.store.pubsub.PubSubStore;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.netty.internal.ClusterPubSubStore;
import io.siocluster.netty.internal.ClusterRuntime;
import io.siocluster.netty.internal.RoomEvents;
import io.siocluster.netty.internal.ServerSideHandlers;
import io.siocluster.spi.Transport;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The drop-in: {@link SocketIOCluster#attach} sets it on a configuration (the only way to make one, so that it
 * knows the configuration's TLS setting), and every {@code BroadcastOperations.sendEvent(...)} of a server built
 * from that configuration reaches the matching clients of every node of the cluster (as Node-compatible
 * BROADCAST messages). {@link #cluster()} gives the rest of the Socket.IO cluster API.
 *
 * <p>Lifecycle follows the server: {@code server.start()} creates a transport from the supplier and joins the
 * cluster; {@code server.stop()} says goodbye (ADAPTER_CLOSE), stops the cluster's thread and closes the
 * transport. Each start asks the supplier for a new transport.
 *
 * <p>Sessions stay on the node that accepted them (use sticky sessions for the polling transport); session
 * stores and maps are local. netty-socketio's own room mirroring is not done: see the README.
 */
public final class ClusterStoreFactory implements StoreFactory {

    private final Supplier<? extends Transport> transports;
    private final ClusterOptions options;
    private final Configuration configuration;
    private final ServerSideHandlers handlers = new ServerSideHandlers();
    private final RoomEvents roomEvents = new RoomEvents();
    private final AtomicReference<@Nullable ClusterRuntime> runtime = new AtomicReference<>();
    private final PubSubStore pubSub = new ClusterPubSubStore(runtime::get);
    private final SocketIOCluster cluster;
    private final Set<String> namespaces = ConcurrentHashMap.newKeySet();
    private volatile @Nullable ClusterNode lastNode;

    /** Made by {@link SocketIOCluster#attach} only. */
    ClusterStoreFactory(Configuration configuration, Supplier<? extends Transport> transports, ClusterOptions options) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.transports = Objects.requireNonNull(transports, "transports");
        this.options = Objects.requireNonNull(options, "options");
        this.cluster = new SocketIOCluster(this);
    }

    /** The Socket.IO cluster API of the server this factory is set on. */
    public SocketIOCluster cluster() {
        return cluster;
    }

    public ClusterOptions options() {
        return options;
    }

    @Override
    public PubSubStore pubSubStore() {
        return pubSub;
    }

    @Override
    public <K, V> Map<K, V> createMap(String name) {
        return new ConcurrentHashMap<>();
    }

    @Override
    public Store createStore(UUID sessionId) {
        return new MemoryStore();
    }

    /** netty-socketio calls this when the server starts: joins the cluster. */
    @Override
    public void init(NamespacesHub namespacesHub, AuthorizeHandler authorizeHandler, JsonSupport jsonSupport) {
        if (runtime.get() != null) {
            throw new IllegalStateException("this ClusterStoreFactory already serves a running server;"
                    + " use one factory per SocketIOServer");
        }
        Transport transport = Objects.requireNonNull(transports.get(), "the transport supplier returned null");
        // netty-socketio serves TLS exactly when the configuration holds a key store (SocketIOChannelInitializer)
        boolean secure = configuration.getKeyStore() != null;
        ClusterRuntime started = ClusterRuntime.start(transport, options, namespacesHub, jsonSupport, handlers,
                roomEvents, () -> secure);
        if (!runtime.compareAndSet(null, started)) {
            started.close();
            throw new IllegalStateException("this ClusterStoreFactory already serves a running server");
        }
        lastNode = started.node();
        try {
            for (SocketIONamespace namespace : namespacesHub.getAllNamespaces()) {
                open(started, namespace.getName());
            }
            for (String namespace : namespaces) {
                try {
                    open(started, namespace);
                } catch (IllegalStateException e) {
                    namespaces.remove(namespace); // asked for by cluster().of(...) only: the next start goes without it
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            // no half-started cluster: its threads and transport go, and the server can be started again
            runtime.compareAndSet(started, null);
            started.close();
            throw e;
        }
    }

    private static void open(ClusterRuntime runtime, String namespace) {
        try {
            runtime.namespace(namespace);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the cluster cannot open namespace '" + namespace + "': " + e.getMessage(), e);
        }
    }

    /** netty-socketio calls this when the server stops: leaves the cluster and closes the transport. */
    @Override
    public void shutdown() {
        ClusterRuntime current = runtime.getAndSet(null);
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void onDisconnect(ClientHead client) {
        // a client's rooms and store live on this node only
    }

    Optional<ClusterRuntime> runtime() {
        return Optional.ofNullable(runtime.get());
    }

    /**
     * Opens the namespace in the cluster now if the server runs, and at every start. A namespace that fails to
     * open on a running server is not remembered, so it cannot fail later starts.
     */
    void remember(String namespace) {
        if (namespaces.contains(namespace)) {
            return;
        }
        ClusterRuntime current = runtime.get();
        if (current != null) {
            current.namespace(namespace); // throws for a name the transport cannot carry
        }
        namespaces.add(namespace);
    }

    /** The node of the running server, or of the last one that ran (closed then); empty before the first start. */
    Optional<ClusterNode> lastNode() {
        return Optional.ofNullable(lastNode);
    }

    ServerSideHandlers handlers() {
        return handlers;
    }

    RoomEvents roomEvents() {
        return roomEvents;
    }

    @Override
    public String toString() {
        return "ClusterStoreFactory (sio-cluster, " + (runtime.get() != null ? "running" : "stopped") + ")";
    }
}
