package io.siocluster.spring;

import io.siocluster.core.cluster.ClusterHealth;
import io.siocluster.netty.SocketIOCluster;
import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Actuator's view of {@link SocketIOCluster#health()}: UP, DOWN, or {@code DEGRADED} (transport down, this node
 * serves its own clients only), with the reason, since when, the transport's state and the peers heard from.
 * Actuator leaves a status missing from {@code management.endpoint.health.status.order} out of the aggregate, so
 * DEGRADED shows here without taking the application out of a load balancer unless that order names it.
 */
public final class SioClusterHealthIndicator implements HealthIndicator {

    /** The status of a node running local-only. */
    public static final Status DEGRADED = new Status("DEGRADED", "transport down: operations reach this node's sockets only");

    private final SocketIOCluster cluster;

    public SioClusterHealthIndicator(SocketIOCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public Health health() {
        ClusterHealth health = cluster.health();
        Status status = switch (health.status()) {
            case UP -> Status.UP;
            case DEGRADED -> DEGRADED;
            case DOWN -> Status.DOWN;
        };
        return Health.status(status)
                .withDetail("reason", health.reason())
                .withDetail("since", health.since().toString())
                .withDetail("transport", health.transportState().name().toLowerCase(Locale.ROOT))
                .withDetail("peers", health.peers())
                .build();
    }
}
