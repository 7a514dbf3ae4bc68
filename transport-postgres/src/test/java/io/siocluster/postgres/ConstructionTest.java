package io.siocluster.postgres;

import static io.siocluster.postgres.Futures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.siocluster.spi.Transport;
import io.siocluster.spi.Transports;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.tck.MessageRecorder;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * From the user's DataSource (HikariCP, pgjdbc) or from options by name: the listener is always a dedicated
 * connection of its own, and close() releases exactly what the transport created.
 */
@ExtendWith(PostgresExtension.class)
class ConstructionTest {

    private final PostgresDatabase db;
    private final String table;

    ConstructionTest(PostgresDatabase db) {
        this.db = db;
        this.table = db.uniqueTableName("construction");
    }

    @Test
    void fromTheUsersHikariPoolWhichOutlivesTheTransport() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        db.user().ifPresent(config::setUsername);
        db.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(2);
        config.setPoolName("users-pool");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            PostgresTransport node = PostgresTransport.create(TestTransports.options(db, table)
                    .option(PostgresOptions.URL, null).option(PostgresOptions.DATA_SOURCE, pool).build());
            try (node) {
                roundTrip(node);
                // the publisher keeps its pooled connection for a second after its last batch, then gives it back
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        pool.getHikariPoolMXBean().getActiveConnections())
                        .as("no pooled connection is held for listening").isZero());
                assertListenerIsOwnConnection(node);
            }
            assertThat(pool.isClosed()).as("the user's pool stays open").isFalse();
            try (PostgresTransport defaults = PostgresTransport.create(pool)) { // no blob call: the default table stays untouched
                roundTrip(defaults);
            }
        }
    }

    @Test
    void fromAPgjdbcDataSource() throws SQLException {
        DataSource simple = db.dataSource();
        try (PostgresTransport node = PostgresTransport.create(TestTransports.options(db, table)
                .option(PostgresOptions.URL, null).option(PostgresOptions.DATA_SOURCE, simple).build())) {
            roundTrip(node);
            assertListenerIsOwnConnection(node);
        }
    }

    @Test
    void byNameWithOptionsItBuildsAndClosesItsOwnPoolAndThreads() {
        String name = "own-" + db.uniqueName("n").replace('_', '-');
        Transport node = Transports.create(TestTransports.options(db, table)
                .option(PostgresOptions.INSTANCE_NAME, name).build());
        assertThat(node).isInstanceOf(PostgresTransport.class);
        roundTrip(node);
        join(node.blobStore().orElseThrow().put(new byte[] {1}));
        assertThat(threadsOf(name)).as("listener, publisher, dispatcher, blob and pool threads")
                .anyMatch(t -> t.endsWith("-listener")).anyMatch(t -> t.endsWith("-publisher"))
                .anyMatch(t -> t.contains("-pool"));

        node.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(threadsOf(name)).isEmpty());
        assertThat(node.liveness().state()).isEqualTo(LivenessState.CLOSED);
    }

    private void roundTrip(Transport node) {
        String channel = db.uniqueName("rt");
        MessageRecorder recorder = new MessageRecorder();
        join(node.messaging().subscribe(channel, recorder).ready());
        join(node.messaging().publish(channel, "round trip"));
        recorder.awaitPayload("round trip", "round trip", Duration.ofSeconds(10));
    }

    private void assertListenerIsOwnConnection(PostgresTransport node) throws SQLException {
        assertThat(db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?"
                + " AND query LIKE 'LISTEN%'", "sio-cluster-listener-" + node.instanceName())).isEqualTo(1);
    }

    private static List<String> threadsOf(String instance) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("sio-" + instance)).toList();
    }
}
