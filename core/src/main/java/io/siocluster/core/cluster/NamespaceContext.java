package io.siocluster.core.cluster;

import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.spi.Transport;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a namespace needs from the node that opened it, and nothing more: the namespace never sees the
 * node, so the node depends on its namespaces and not the other way round.
 *
 * @param executor the node's single thread: inbound messages, timers and replies run on it, in order
 * @param clock heartbeats and peer expiry are timed with it ({@link ClusterOptions#clock()})
 * @param drops counts and logs what is dropped
 */
record NamespaceContext(Transport transport, ProtocolCodec codec, ScheduledExecutorService executor,
        ClusterOptions options, ClusterStats stats, Clock clock, Drops drops) {
}
