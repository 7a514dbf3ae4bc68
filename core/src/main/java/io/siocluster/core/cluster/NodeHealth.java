package io.siocluster.core.cluster;

import io.siocluster.spi.Transport;
import io.siocluster.spi.liveness.LivenessState;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives a node's {@link ClusterHealth} from its lifecycle and its transport's liveness, and remembers since when
 * the status holds. The node tells it about every liveness change, so "since" is the moment of the change, not
 * the moment someone first asked.
 */
final class NodeHealth {

    private static final Logger LOG = LoggerFactory.getLogger(NodeHealth.class);

    private final Transport transport;
    private final Clock clock;
    private final ClusterStats stats;
    private ClusterHealth.Status status;
    private Instant since;

    NodeHealth(Transport transport, Clock clock, ClusterStats stats) {
        this.transport = transport;
        this.clock = clock;
        this.stats = stats;
        this.since = clock.instant();
        this.status = statusOf(false, livenessOf(transport));
    }

    /** The health now; never throws (a transport that fails to say its state counts as closed). */
    synchronized ClusterHealth current(boolean closed, int peers) {
        LivenessState liveness = livenessOf(transport);
        ClusterHealth.Status now = statusOf(closed, liveness);
        if (now != status) {
            status = now;
            since = clock.instant();
        }
        return new ClusterHealth(now, reason(closed, liveness), since, liveness, peers);
    }

    private String reason(boolean closed, LivenessState liveness) {
        String name = transport.providerName();
        if (closed) {
            return "the cluster node is closed";
        }
        return switch (liveness) {
            case UP -> "transport '" + name + "' is up" + overload();
            case DOWN -> "transport '" + name + "' is down: operations reach this node's sockets only";
            case CLOSED -> "transport '" + name + "' is closed";
        };
    }

    /**
     * Overload does not change the status (the node still reaches every peer, later): the reason says it, so an
     * operator sees it without a load balancer taking a busy node out, which would only load the others more.
     */
    private String overload() {
        if (!stats.overloaded()) {
            return "";
        }
        return "; overloaded: the latest message waited " + millis(ClusterStats.Queue.PUBLISH) + " ms to be published and "
                + millis(ClusterStats.Queue.DELIVERY) + " ms to be handled (threshold "
                + stats.overloadThresholdNanos() / 1_000_000 + " ms); " + stats.outboundOverflows()
                + " refused or dropped by the outbound policy so far";
    }

    private long millis(ClusterStats.Queue queue) {
        return stats.lastDelayNanos(queue) / 1_000_000;
    }

    private static ClusterHealth.Status statusOf(boolean closed, LivenessState liveness) {
        if (closed || liveness == LivenessState.CLOSED) {
            return ClusterHealth.Status.DOWN;
        }
        return liveness == LivenessState.UP ? ClusterHealth.Status.UP : ClusterHealth.Status.DEGRADED;
    }

    private static LivenessState livenessOf(Transport transport) {
        try {
            return transport.liveness().state();
        } catch (RuntimeException e) {
            LOG.debug("the transport could not tell its liveness: {}", e.toString());
            return LivenessState.CLOSED;
        }
    }
}
