package io.siocluster.core.cluster;

import io.siocluster.core.cluster.internal.AttachmentFetches;
import io.siocluster.core.cluster.internal.InboundGate;
import io.siocluster.core.cluster.internal.NodeExecutor;
import io.siocluster.core.cluster.internal.SenderSequencer;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.wire.WireRoutes;
import io.siocluster.spi.Transport;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

/**
 * What a namespace needs from the node that opened it, and nothing more: the namespace never sees the
 * node, so the node depends on its namespaces and not the other way round.
 *
 * @param executor the node's single thread: inbound messages, timers and replies run on it, in order
 * @param clock heartbeats and peer expiry are timed with it ({@link ClusterOptions#clock()})
 * @param drops counts and logs what is dropped
 * @param attachments fetches attachments for every namespace of the node, bounded and in turn per sender
 * @param traffic counts messages and requests for monitoring
 * @param inbound bounds what the node's namespaces have received and not yet handled
 * @param overload records how long messages wait to be published and handled, and says when too long
 * @param callbacks completes the stages handed to callers, so that their chains never run on (and block)
 *        the node's, the transport's or a blob store's thread
 * @param routes where responses go and how servers are counted, by the wire format
 * @param direct runs an inbound message in place, on the transport's thread, when the node's thread is idle
 *        ({@link NodeExecutor#runIfIdle}); with any other executor it never does
 */
record NamespaceContext(Transport transport, ProtocolCodec codec, ScheduledExecutorService executor,
        ClusterOptions options, ClusterStats stats, TrafficStats traffic, Clock clock, Drops drops, AttachmentFetches attachments,
        InboundGate inbound, Overload overload, Executor callbacks, WireRoutes routes, SenderSequencer.DirectRun direct) {

    /** The node's shared services over {@code transport}, on {@code executor} (whose thread {@code isNodeThread} knows). */
    static NamespaceContext create(Transport transport, TrafficStats traffic, ClusterOptions options, ScheduledExecutorService executor,
            Predicate<Thread> isNodeThread, Executor callbacks, WireRoutes routes) {
        ClusterStats stats = new ClusterStats(options.overloadThreshold(), options.clock());
        ProtocolCodec codec = ProtocolCodec.forTransport(options.payloadThreshold(), transport);
        AttachmentFetches attachments = new AttachmentFetches(
                // without a blob store no attachment can be fetched: the message is as gone as a purged one
                id -> transport.blobStore().map(store -> store.get(id))
                        .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty())),
                AttachmentFetches.DEFAULT_MAX_IN_FLIGHT, options.maxPendingInbound(), // the gate bounds them first
                AttachmentFetches.DEFAULT_TIMEOUT, executor, AttachmentFetches.DEFAULT_RETRY_FOR);
        return new NamespaceContext(transport, codec, executor, options, stats, traffic, options.clock(),
                new Drops(stats, options.clock()), attachments, new InboundGate(options.maxPendingInbound(), isNodeThread),
                new Overload(stats, options), callbacks, routes,
                directRun(executor));
    }

    private static SenderSequencer.DirectRun directRun(ScheduledExecutorService executor) {
        if (executor instanceof NodeExecutor nodeExecutor) {
            return nodeExecutor::runIfIdle;
        }
        return task -> false;
    }
}
