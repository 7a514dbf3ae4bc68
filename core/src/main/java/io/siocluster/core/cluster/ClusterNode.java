package io.siocluster.core.cluster;

import io.siocluster.core.cluster.internal.Outbox;
import io.siocluster.core.codec.DecodeLimits;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.protocol.ChannelNames;
import io.siocluster.spi.Transport;
import io.siocluster.spi.liveness.LivenessEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server's membership in the cluster, over one transport. It owns one thread, on which every
 * incoming message is handled in order, and the timers (heartbeats, peer expiry, request timeouts,
 * attachment purge). Namespaces join with {@link #namespace(String, LocalSide)}.
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
    private final ProtocolCodec codec;
    private final String threadName;
    private final ScheduledExecutorService executor;
    private final Map<String, ClusterNamespace> namespaces = new ConcurrentHashMap<>();
    private final ClusterStats stats = new ClusterStats();
    private final AutoCloseable livenessRegistration;
    private volatile boolean closed;
    private boolean wasDown;

    private ClusterNode(Transport transport, ClusterOptions options) {
        this.transport = transport;
        this.options = options;
        // A message the transport cannot carry inline must go as an attachment whatever the threshold says.
        this.codec = ProtocolCodec.create(Outbox.policy(transport, options.payloadThreshold()), DecodeLimits.DEFAULT);
        this.threadName = "sio-cluster-" + COUNTER.incrementAndGet();
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long purgeMillis = options.cleanupInterval().toMillis();
        if (transport.blobStore().isPresent()) {
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
        ClusterNamespace created = new ClusterNamespace(this, wire, channel, local);
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
        return stats;
    }

    public ClusterOptions options() {
        return options;
    }

    Transport transport() {
        return transport;
    }

    ProtocolCodec codec() {
        return codec;
    }

    ScheduledExecutorService executor() {
        return executor;
    }

    void forget(ClusterNamespace namespace) {
        namespaces.remove(namespace.name(), namespace);
    }

    private void onLiveness(LivenessEvent event) {
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
        try {
            livenessRegistration.close();
        } catch (Exception e) {
            LOG.debug("removing the liveness listener failed", e);
        }
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
        executor.shutdownNow();
        if (Thread.currentThread().getName().equals(threadName)) {
            return; // closed from a handler on our own thread: it ends once this task returns
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
