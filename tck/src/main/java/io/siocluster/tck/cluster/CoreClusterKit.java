package io.siocluster.tck.cluster;

import io.siocluster.tck.ConnectionCutter;
import io.siocluster.tck.TransportKitSupport;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * Cluster rules C1-C26: three nodes of the core ({@link io.siocluster.core.cluster.ClusterNode}), each on a new
 * transport of the bus under test with a {@link FakeLocalSide} for its sockets, and the
 * {@link io.siocluster.core.emitter.Emitter}. Extend it and implement {@link #transportOptions()}; with a
 * {@link #connectionCutter()} the outage rules (C20, C21, the second C26) run, without one they are skipped.
 * The rules are explained in the TCK README; each group below lives in its own file.
 */
@DisplayName("Cluster core")
public abstract class CoreClusterKit extends TransportKitSupport {

    private final ClusterNodesFixture cluster = new ClusterNodesFixture(this::newTransport, channel("c"), this::connectionCutter);

    /** A way to cut a transport's connection; empty skips the outage rules with the reason stated. */
    protected Optional<ConnectionCutter> connectionCutter() {
        return Optional.empty();
    }

    /** Nodes first, so that their goodbyes still go out; the transports close after them. */
    @AfterEach
    final void closeNodes() {
        cluster.close();
    }

    @Nested
    @DisplayName("Cluster: broadcast routing and order")
    class Routing extends RoutingRules {
        Routing() {
            super(CoreClusterKit.this.cluster);
        }
    }

    @Nested
    @DisplayName("Cluster: membership")
    class Membership extends MembershipRules {
        Membership() {
            super(CoreClusterKit.this.cluster);
        }
    }

    @Nested
    @DisplayName("Cluster: requests")
    class Requests extends RequestRules {
        Requests() {
            super(CoreClusterKit.this.cluster);
        }
    }

    @Nested
    @DisplayName("Cluster: requests when a peer leaves")
    class PeerLeft extends PeerLeftRules {
        PeerLeft() {
            super(CoreClusterKit.this.cluster);
        }
    }

    @Nested
    @DisplayName("Cluster: bad input")
    class Robustness extends RobustnessRules {
        Robustness() {
            super(CoreClusterKit.this.cluster);
        }
    }

    @Nested
    @DisplayName("Cluster: transport outages")
    class Fallback extends FallbackRules {
        Fallback() {
            super(CoreClusterKit.this.cluster);
        }
    }

    @Nested
    @DisplayName("Cluster: emitter")
    class Emitters extends EmitterRules {
        Emitters() {
            super(CoreClusterKit.this.cluster);
        }
    }
}
