package io.siocluster.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterHealth;
import io.siocluster.core.cluster.ClusterHealth.Status;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.spi.Transport;
import io.siocluster.spi.Transports;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.tck.cluster.FakeLocalSide;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A node's health follows its PostgreSQL listener connection: cut it and the node is DEGRADED until it reconnects. */
@DisplayName("a node's health on PostgreSQL")
@ExtendWith(PostgresExtension.class)
class ClusterHealthOnPostgresTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final String table;
    private final ListenerFaults faults;
    private final PostgresDatabase db;

    ClusterHealthOnPostgresTest(PostgresDatabase db) {
        this.db = db;
        this.table = db.uniqueTableName("health");
        this.faults = new ListenerFaults(db);
    }

    @Test
    @DisplayName("UP when connected, DEGRADED from the cut until the listener is back, UP again, DOWN once closed")
    void followsTheListener() throws Exception {
        Transport transport = Transports.create(faults.install(TestTransports.options(db, table)).build());
        ClusterNode node = ClusterNode.start(transport, ClusterOptions.defaults());
        try {
            node.namespace("/", new FakeLocalSide("a"));
            await().atMost(WAIT).until(() -> node.health().status() == Status.UP);
            assertThat(node.health().transportState()).isEqualTo(LivenessState.UP);

            Instant beforeCut = Instant.now();
            AutoCloseable cut = faults.cut(transport);
            await().atMost(WAIT).until(() -> node.health().status() == Status.DEGRADED);
            ClusterHealth degraded = node.health();
            assertThat(degraded.reason()).contains("'postgres'", "down");
            assertThat(degraded.since()).isAfterOrEqualTo(beforeCut);
            assertThat(degraded.transportState()).isEqualTo(LivenessState.DOWN);

            cut.close();
            await().atMost(WAIT).until(() -> node.health().status() == Status.UP);
            assertThat(node.health().since()).isAfter(degraded.since());
        } finally {
            node.close();
            transport.close();
        }
        assertThat(node.health().status()).isEqualTo(Status.DOWN);
    }
}
