package io.siocluster.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.siocluster.core.cluster.ClusterHealth;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterStats;
import io.siocluster.core.protocol.MessageType;
import io.siocluster.micrometer.internal.NodeReader;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.spi.metrics.TransportMetrics;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters for a cluster node, read from the counters the core keeps (nothing is counted twice):
 *
 * <pre>{@code
 * new ClusterMetrics(node).bindTo(registry);               // a ClusterNode you started
 * new ClusterMetrics(cluster::node).bindTo(registry);      // a SocketIOCluster: follows its server's restarts
 * }</pre>
 *
 * <table>
 *   <caption>meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code siocluster.messages.published}</td><td>counter</td><td>{@code type}: {@code broadcast}, {@code heartbeat}, ...</td></tr>
 *   <tr><td>{@code siocluster.messages.received}</td><td>counter</td><td>{@code type}</td></tr>
 *   <tr><td>{@code siocluster.publish}</td><td>function timer: count and total time</td><td></td></tr>
 *   <tr><td>{@code siocluster.delivery}</td><td>function timer: count and total time</td><td></td></tr>
 *   <tr><td>{@code siocluster.transport.queue.depth}</td><td>gauge (*)</td><td></td></tr>
 *   <tr><td>{@code siocluster.transport.batches}</td><td>counter (*)</td><td></td></tr>
 *   <tr><td>{@code siocluster.transport.batch.messages}</td><td>counter (*)</td><td></td></tr>
 *   <tr><td>{@code siocluster.messages.dropped}</td><td>counter</td><td>{@code reason}: one per {@code ClusterStats.DropReason}, lower case ({@code malformed}, {@code missing_attachment}, {@code attachment_fetch_failed}, {@code attachment_queue_full}, {@code publish_failed}, {@code peer_limit}, {@code missed})</td></tr>
 *   <tr><td>{@code siocluster.publish.failures}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code siocluster.operations.local.only}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code siocluster.requests.active}</td><td>gauge</td><td></td></tr>
 *   <tr><td>{@code siocluster.requests.timeouts}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code siocluster.attachments}</td><td>counter</td><td>{@code operation}: {@code stored}, {@code fetched}, {@code purged}</td></tr>
 *   <tr><td>{@code siocluster.peers}</td><td>gauge</td><td></td></tr>
 *   <tr><td>{@code siocluster.transport.state}</td><td>gauge, 1 for the current state</td><td>{@code state}: {@code up}, {@code down}, {@code closed}</td></tr>
 *   <tr><td>{@code siocluster.health}</td><td>gauge, 1 for the current status</td><td>{@code status}: {@code up}, {@code degraded}, {@code down}</td></tr>
 *   <tr><td>{@code siocluster.overloaded}</td><td>gauge, 1 while the latest message waited longer than {@code overloadThreshold}, or for 5 s after an outbound overflow</td><td></td></tr>
 *   <tr><td>{@code siocluster.queue.delay}</td><td>gauge, seconds the latest message waited</td><td>{@code queue}: {@code publish}, {@code delivery}</td></tr>
 *   <tr><td>{@code siocluster.messages.delayed}</td><td>counter: messages that waited longer than {@code overloadThreshold}</td><td>{@code queue}</td></tr>
 *   <tr><td>{@code siocluster.outbound.overflows}</td><td>counter: messages refused or dropped by the outbound policy (also in {@code publish_failed})</td><td></td></tr>
 * </table>
 *
 * (*) Only when the transport keeps publishing counters ({@code Transport.metrics()}: PostgreSQL and Redis do) or
 * no node runs at binding time; NaN while the running node's transport keeps none. The mean batch size is
 * {@code siocluster.transport.batch.messages} / {@code siocluster.transport.batches}.
 *
 * <p>Tags are low-cardinality only (never a room, socket or namespace). Counters keep counting across a server's
 * restarts. Reading a meter never throws: what cannot be read is NaN.
 */
public final class ClusterMetrics implements MeterBinder {

    private static final String PREFIX = "siocluster.";

    private final Supplier<Optional<ClusterNode>> nodes;
    private final Tags tags;

    /** Meters for one node, for as long as it runs (then they keep its last values). */
    public ClusterMetrics(ClusterNode node) {
        this(fixed(node), Tags.empty());
    }

    /**
     * Meters for whichever node runs now, e.g. {@code cluster::node} of a {@code SocketIOCluster}: empty while no
     * node runs.
     */
    public ClusterMetrics(Supplier<Optional<ClusterNode>> nodes) {
        this(nodes, Tags.empty());
    }

    /** As {@link #ClusterMetrics(Supplier)}, with tags added to every meter (e.g. the application's name). */
    public ClusterMetrics(Supplier<Optional<ClusterNode>> nodes, Iterable<Tag> tags) {
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.tags = Tags.of(tags);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        NodeReader reader = new NodeReader(nodes);
        for (MessageType type : MessageType.values()) {
            String tag = lower(type);
            counter(registry, reader, "messages.published", "messages", "Cluster messages this node published",
                    node -> node.traffic().published(type), Tags.of("type", tag));
            counter(registry, reader, "messages.received", "messages", "Cluster messages this node received from peers",
                    node -> node.traffic().received(type), Tags.of("type", tag));
        }
        int published = reader.counter(node -> node.traffic().publishedTotal());
        int publishNanos = reader.counter(node -> node.traffic().publishNanosTotal());
        FunctionTimer.builder(PREFIX + "publish", reader, r -> r.count(published), r -> r.total(publishNanos),
                        TimeUnit.NANOSECONDS)
                .description("Time from a message being sent until the transport confirmed its publish")
                .tags(tags).register(registry);
        int delivered = reader.counter(node -> node.traffic().deliveredCount());
        int deliveryNanos = reader.counter(node -> node.traffic().deliveryNanosTotal());
        FunctionTimer.builder(PREFIX + "delivery", reader, r -> r.count(delivered), r -> r.total(deliveryNanos),
                        TimeUnit.NANOSECONDS)
                .description("Publish until the bus delivered it back to this node: the bus's end-to-end latency")
                .tags(tags).register(registry);
        if (mayHaveTransportMetrics()) {
            bindTransport(registry, reader);
        }
        for (ClusterStats.DropReason reason : ClusterStats.DropReason.values()) {
            counter(registry, reader, "messages.dropped", "messages", "Cluster messages dropped without being handled",
                    node -> node.stats().drops(reason), Tags.of("reason", reason.name().toLowerCase(Locale.ROOT)));
        }
        counter(registry, reader, "publish.failures", "messages", "Messages not published while the transport was up",
                node -> node.stats().publishFailures(), Tags.empty());
        counter(registry, reader, "operations.local.only", "operations",
                "Operations that reached this node's sockets only because the transport was down",
                node -> node.stats().localOnlyOperations(), Tags.empty());
        counter(registry, reader, "requests.timeouts", "requests", "Requests that ran out of time waiting for peers",
                node -> node.traffic().requestsTimedOut(), Tags.empty());
        counter(registry, reader, "attachments", "attachments", "Attachments this node stored, fetched or purged",
                node -> node.traffic().attachmentsStored(), Tags.of("operation", "stored"));
        counter(registry, reader, "attachments", "attachments", "Attachments this node stored, fetched or purged",
                node -> node.traffic().attachmentsFetched(), Tags.of("operation", "fetched"));
        counter(registry, reader, "attachments", "attachments", "Attachments this node stored, fetched or purged",
                node -> node.traffic().attachmentsPurged(), Tags.of("operation", "purged"));

        for (ClusterStats.Queue queue : ClusterStats.Queue.values()) {
            counter(registry, reader, "messages.delayed", "messages",
                    "Messages that waited longer than the overload threshold to be published or handled",
                    node -> node.stats().delayedMessages(queue), Tags.of("queue", lower(queue)));
            gauge(registry, reader, "queue.delay", "seconds", "How long the latest message waited to be published or handled",
                    node -> node.stats().lastDelayNanos(queue) / 1e9, 0, Tags.of("queue", lower(queue)));
        }
        gauge(registry, reader, "overloaded", null,
                "1 while the latest message waited longer than the overload threshold, or for 5 s after an outbound overflow",
                node -> node.stats().overloaded() ? 1 : 0, 0, Tags.empty());
        counter(registry, reader, "outbound.overflows", "messages",
                "Messages refused or dropped because the most allowed waited behind a blob (the outbound policy)",
                node -> node.stats().outboundOverflows(), Tags.empty());

        gauge(registry, reader, "requests.active", "requests", "Requests waiting for peers now",
                node -> node.traffic().requestsInFlight(), 0, Tags.empty());
        gauge(registry, reader, "peers", "servers", "Other servers this node hears from",
                ClusterNode::peerCount, 0, Tags.empty());
        for (LivenessState state : LivenessState.values()) {
            gauge(registry, reader, "transport.state", null, "1 for the transport's current liveness state, else 0",
                    node -> node.health().transportState() == state ? 1 : 0, state == LivenessState.CLOSED ? 1 : 0,
                    Tags.of("state", lower(state)));
        }
        for (ClusterHealth.Status status : ClusterHealth.Status.values()) {
            gauge(registry, reader, "health", null, "1 for the cluster's current health status, else 0",
                    node -> node.health().status() == status ? 1 : 0, status == ClusterHealth.Status.DOWN ? 1 : 0,
                    Tags.of("status", lower(status)));
        }
    }

    /** False only when the node running now is known to have a transport without publishing counters. */
    private boolean mayHaveTransportMetrics() {
        try {
            return nodes.get().map(node -> node.transportMetrics().isPresent()).orElse(true);
        } catch (RuntimeException e) {
            return true; // binding never throws; the meters read NaN or 0 while they cannot be read
        }
    }

    private void bindTransport(MeterRegistry registry, NodeReader reader) {
        gauge(registry, reader, "transport.queue.depth", "messages", "Publishes waiting in the transport's queue now",
                node -> node.transportMetrics().map(m -> (double) m.queueDepth()).orElse(Double.NaN), 0, Tags.empty());
        counter(registry, reader, "transport.batches", "batches", "Batches the transport sent to the bus",
                node -> node.transportMetrics().map(TransportMetrics::batchesPublished).orElse(0L), Tags.empty());
        counter(registry, reader, "transport.batch.messages", "messages",
                "Messages in the batches the transport sent (divided by the batches: the mean batch size)",
                node -> node.transportMetrics().map(TransportMetrics::messagesPublished).orElse(0L), Tags.empty());
    }

    private void counter(MeterRegistry registry, NodeReader reader, String name, String unit, String description,
            ToLongFunction<ClusterNode> counter, Tags extra) {
        int index = reader.counter(counter);
        // Function counters hold the reader weakly; the gauges below hold it strongly, for as long as the registry lives.
        FunctionCounter.builder(PREFIX + name, reader, r -> r.total(index))
                .description(description).baseUnit(unit).tags(tags).tags(extra).register(registry);
    }

    private void gauge(MeterRegistry registry, NodeReader reader, String name, @Nullable String unit,
            String description, ToDoubleFunction<ClusterNode> gauge, double whenStopped, Tags extra) {
        Gauge.builder(PREFIX + name, reader, r -> r.gauge(gauge, whenStopped))
                .description(description).baseUnit(unit).tags(tags).tags(extra).strongReference(true).register(registry);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static Supplier<Optional<ClusterNode>> fixed(ClusterNode node) {
        Objects.requireNonNull(node, "node");
        Optional<ClusterNode> always = Optional.of(node);
        return () -> always;
    }
}
