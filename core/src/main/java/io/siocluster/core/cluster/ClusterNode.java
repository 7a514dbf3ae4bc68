package io.siocluster.core.cluster;

import io.siocluster.core.cluster.internal.NodeExecutor;
import io.siocluster.core.wire.Wires;
import io.siocluster.core.protocol.ChannelNames;
import io.siocluster.spi.Transport;
import io.siocluster.spi.liveness.LivenessRegistration;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.metrics.TransportMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server's membership in the cluster, over one transport. It owns one thread, on which every
 * incoming message is handled in order, and the timers (heartbeats, peer expiry, request timeouts,
 * attachment purge); while that thread is idle, an incoming message is handled in its place on the
 * transport's thread, serially with it ({@link NodeExecutor}), which saves a hand-off per message. The
 * stages its namespaces return complete on the calling thread when the result is known at once, and otherwise on the node's callback threads ({@code sio-cluster-N-callbacks-M}, created as
 * needed), never on the node's, the transport's or a blob store's thread: a chained action may block, for
 * example on another operation's {@code join()}. Namespaces join with {@link #namespace(String, LocalSide)}.
 *
 * <p>The transport stays the caller's: {@link #close()} says goodbye on every namespace (ADAPTER_CLOSE)
 * and stops the node's thread, and the caller closes the transport afterwards.
 */
public final class ClusterNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Duration GOODBYE_WAIT = Duration.ofSeconds(2);

    private final Transport transport;
    private final ClusterOptions options;
    private final NamespaceContext context;
    private final String threadName;
    private final NodeExecutor executor;
    private final ExecutorService callbacks;
    private final Map<String, ClusterNamespace> namespaces = new ConcurrentHashMap<>();
    private final TrafficStats traffic = new TrafficStats();
    private final NodeHealth health;
    private final LivenessRegistration livenessRegistration;
    private volatile boolean closed;
    private boolean wasDown;

    private ClusterNode(Transport transport, ClusterOptions options) {
        this.transport = new CountingTransport(Wires.adapt(transport, options.wireFormat(), options.streamCount()), traffic);
        this.options = options;
        this.threadName = "sio-cluster-" + COUNTER.incrementAndGet();
        NodeExecutor nodeExecutor = new NodeExecutor(threadName);
        this.executor = nodeExecutor;
        AtomicInteger callbackThreads = new AtomicInteger();
        this.callbacks = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, threadName + "-callbacks-" + callbackThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.context = NamespaceContext.create(this.transport, traffic, options, executor,
                // the node's thread, or a transport thread handling a message in its place, never waits at the gate
                thread -> thread == Thread.currentThread() && nodeExecutor.inTurn(),
                callbacks, Wires.routes(transport, options.wireFormat()));
        this.health = new NodeHealth(transport, options.clock(), context.stats());
        long purgeMillis = options.cleanupInterval().toMillis();
        if (this.transport.blobStore().isPresent()) {
            executor.scheduleWithFixedDelay(this::purgeAttachments, purgeMillis, purgeMillis, TimeUnit.MILLISECONDS);
        }
        this.livenessRegistration = transport.liveness().addListener(this::onLiveness);
    }

    /** Joins the cluster over {@code transport}; no namespace is announced until it is opened. */
    public static ClusterNode start(Transport transport, ClusterOptions options) {
        return new ClusterNode(transport, options);
    }

    /**
     * Opens a namespace: subscribes to its channel and announces this node there.
     *
     * @param name the namespace as the server names it ({@code ""} or {@code "/"} for the default one)
     * @throws io.siocluster.spi.error.InvalidChannelNameException when prefix and name make a channel name
     *         the transport cannot carry
     * @throws IllegalStateException when the namespace is already open or the node is closed
     */
    public ClusterNamespace namespace(String name, LocalSide local) {
        if (closed) {
            throw new IllegalStateException("cluster node is closed");
        }
        String wire = ChannelNames.wireNamespace(name);
        String channel = ChannelNames.channel(options.channelPrefix(), wire, transport.messaging().limits());
        ClusterNamespace created = new ClusterNamespace(context, wire, channel, local, this::forget);
        if (namespaces.putIfAbsent(wire, created) != null) {
            throw new IllegalStateException("namespace '" + wire + "' is already open on this node");
        }
        created.open();
        return created;
    }

    /** The open namespace of that name, if any. */
    public Optional<ClusterNamespace> existingNamespace(String name) {
        return Optional.ofNullable(namespaces.get(ChannelNames.wireNamespace(name)));
    }

    public ClusterStats stats() {
        return context.stats();
    }

    /** Messages, requests and attachments counted since the node started. */
    public TrafficStats traffic() {
        return traffic;
    }

    /** The transport's publishing counters (queue depth, batches), or empty when it keeps none. */
    public Optional<TransportMetrics> transportMetrics() {
        return transport.metrics();
    }

    /**
     * UP, DEGRADED (transport down: local-only) or DOWN (closed), with the reason and since when; an overloaded
     * node stays UP and its reason says so ({@link ClusterStats#overloaded()}). Never throws.
     */
    public ClusterHealth health() {
        try {
            return health.current(closed, peerCount());
        } catch (RuntimeException e) {
            return ClusterHealth.down("health could not be determined: " + e, options.clock().instant());
        }
    }

    /** The most peers any open namespace knows: the cluster's server count less this one. */
    public int peerCount() {
        return namespaces.values().stream().mapToInt(namespace -> namespace.peers().size()).max().orElse(0);
    }

    public ClusterOptions options() {
        return options;
    }

    private void forget(ClusterNamespace namespace) {
        namespaces.remove(namespace.name(), namespace);
    }

    private void onLiveness(LivenessEvent event) {
        health();  // notes since when the new status holds
        // Told on one transport thread, in order.
        if (event == LivenessEvent.DOWN) {
            wasDown = true;
        } else if (wasDown) {
            // Peers may have dropped us meanwhile (and after UP_AFTER_GAP we also missed what they said; after
            // UP a resuming transport delivers it): announce ourselves again.
            wasDown = false;
            namespaces.values().forEach(ClusterNamespace::reannounce);
        }
    }

    private void purgeAttachments() {
        transport.blobStore().orElseThrow().purgeOlderThan(options.cleanupInterval()).whenComplete((removed, failure) -> {
            if (failure != null) {
                LOG.debug("attachment purge failed: {}", failure.toString());
            } else if (removed > 0) {
                LOG.debug("purged {} attachments", removed);
            }
        });
    }

    /** Sends ADAPTER_CLOSE on every namespace (waiting up to 2 s for it to go out) and stops the node's thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        health();  // notes since when the node is DOWN
        livenessRegistration.close();
        List<CompletableFuture<Void>> goodbyes = new ArrayList<>();
        for (ClusterNamespace namespace : List.copyOf(namespaces.values())) {
            goodbyes.add(namespace.closeAndSayGoodbye().toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(goodbyes.toArray(CompletableFuture[]::new))
                    .get(GOODBYE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("not every ADAPTER_CLOSE went out: {}", e.toString());
        }
        callbacks.shutdown(); // completions already queued still run; later ones run on the completing thread
        context.inbound().close(); // a delivery waiting for room would wait for a thread that is about to stop
        executor.shutdownNow();
        if (Thread.currentThread().getName().equals(threadName) || executor.inTurn()) {
            return; // closed from a handler on our own thread (or in its place): it ends once this task returns
        }
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("cluster thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
