package io.siocluster.core.cluster;

import io.siocluster.spi.liveness.LivenessState;
import java.time.Instant;
import java.util.Objects;

/**
 * How a cluster node is doing, for health checks and dashboards: a {@link Status}, why, since when, and what it
 * is derived from (the transport's liveness and the peers heard from). A value: taking it never throws.
 *
 * @param status UP, DEGRADED (transport down, local-only) or DOWN (not running)
 * @param reason one sentence for an operator
 * @param since when the node entered this status (by the node's {@link ClusterOptions#clock()})
 * @param transportState the transport's liveness when the value was taken ({@code CLOSED} when there is no node)
 * @param peers the most peers any open namespace knows (the cluster has {@code peers + 1} servers)
 */
public record ClusterHealth(Status status, String reason, Instant since, LivenessState transportState, int peers) {

    /** The three states an operator needs to tell apart. */
    public enum Status {
        /** Running and connected to the bus: operations reach every node. */
        UP,
        /** Running, but the transport is down: operations reach this node's sockets only until it is back. */
        DEGRADED,
        /** Not started, stopped, or closed: no cluster operation works. */
        DOWN
    }

    public ClusterHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(transportState, "transportState");
    }

    /** DOWN with no node behind it (a server not started, or stopped). */
    public static ClusterHealth down(String reason, Instant since) {
        return new ClusterHealth(Status.DOWN, reason, since, LivenessState.CLOSED, 0);
    }
}
