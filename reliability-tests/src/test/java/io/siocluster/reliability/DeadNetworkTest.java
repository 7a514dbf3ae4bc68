package io.siocluster.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterHealth.Status;
import io.siocluster.core.cluster.ClusterNamespace;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.postgres.PostgresOptions;
import io.siocluster.tck.cluster.FakeLocalSide;
import io.siocluster.testsupport.FreezableProxy;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * (a) A dead network: every connection of one node to PostgreSQL goes through a proxy that stops forwarding
 * without closing anything, as a partition does (no RST, no FIN). The node must notice within a stated bound, run
 * local-only meanwhile, and come back by itself once the network does.
 */
@DisplayName("reliability (a): a dead network between a node and PostgreSQL")
@ExtendWith(PostgresExtension.class)
class DeadNetworkTest {

    private static final Duration PING_INTERVAL = Duration.ofSeconds(1);
    private static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(2);
    /** The ping runs every second and its check waits at most about a second more: 5 s leaves room for a loaded machine. */
    private static final Duration DETECTION_BOUND = Duration.ofSeconds(5);
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);

    private final PostgresDatabase db;

    DeadNetworkTest(PostgresDatabase db) {
        this.db = db;
    }

    @Test
    @DisplayName("a silent partition is detected within 5 s (ping 1 s, network timeout 2 s), and the node recovers within 10 s of the network")
    void silentPartition() throws Exception {
        try (TestCluster cluster = new TestCluster(db, "deadnet"); FreezableProxy proxy = new FreezableProxy(db)) {
            ClusterNode cut = cluster.node(cluster.transportOptions(proxy.jdbcUrl())
                    .option(PostgresOptions.PING_INTERVAL, PING_INTERVAL)
                    .option(PostgresOptions.NETWORK_TIMEOUT, NETWORK_TIMEOUT), cluster.clusterOptions().build());
            ClusterNode healthy = cluster.node();
            FakeLocalSide cutSockets = new FakeLocalSide("cut").addSocket("c1");
            ClusterNamespace cutNsp = cut.namespace("/", cutSockets);
            ClusterNamespace healthyNsp = healthy.namespace("/", new FakeLocalSide("healthy").addSocket("h1"));
            cutNsp.ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
            healthyNsp.ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> cutNsp.peers().size() == 1 && healthyNsp.peers().size() == 1);
            healthyNsp.broadcast(BroadcastPacket.event("before", 1), BroadcastOptions.ALL);
            await().atMost(Duration.ofSeconds(5)).until(() -> cutSockets.received("c1").size() == 1);

            proxy.freeze();
            long frozenAt = System.nanoTime();
            await().atMost(DETECTION_BOUND.plusSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> cut.health().status() == Status.DEGRADED);
            Duration detection = Duration.ofNanos(System.nanoTime() - frozenAt);
            // While cut off, an operation still reaches the node's own sockets (local-only) and does not hang.
            long localOnlyBefore = cut.stats().localOnlyOperations();
            cutNsp.broadcast(BroadcastPacket.event("during", 2), BroadcastOptions.ALL).toCompletableFuture()
                    .get(1, TimeUnit.SECONDS);
            assertThat(cutSockets.received("c1")).hasSize(2);
            assertThat(cut.stats().localOnlyOperations()).isGreaterThan(localOnlyBefore);
            // The healthy side loses the cut node after its heartbeat timeout, as it would a crashed one.
            await().atMost(Duration.ofSeconds(10)).until(() -> healthyNsp.peers().isEmpty());
            Duration peerLost = Duration.ofNanos(System.nanoTime() - frozenAt);

            proxy.thaw();
            long thawedAt = System.nanoTime();
            await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(20)).until(() -> cut.health().status() == Status.UP);
            Duration reconnect = Duration.ofNanos(System.nanoTime() - thawedAt);
            await().atMost(RECOVERY_BOUND).until(() -> healthyNsp.peers().size() == 1 && cutNsp.peers().size() == 1);
            Duration relearned = Duration.ofNanos(System.nanoTime() - thawedAt);
            healthyNsp.broadcast(BroadcastPacket.event("after", 3), BroadcastOptions.ALL);
            await().atMost(Duration.ofSeconds(5)).until(() -> cutSockets.received("c1").size() == 3);

            System.out.printf("DeadNetworkTest: detected after %d ms (bound %d ms); the healthy peer dropped it after %d ms;"
                    + " after the network came back: UP in %d ms, peers relearned in %d ms (bound %d ms)%n",
                    detection.toMillis(), DETECTION_BOUND.toMillis(), peerLost.toMillis(), reconnect.toMillis(),
                    relearned.toMillis(), RECOVERY_BOUND.toMillis());
            assertThat(detection).isLessThan(DETECTION_BOUND);
            assertThat(relearned).isLessThan(RECOVERY_BOUND);
        }
    }
}
