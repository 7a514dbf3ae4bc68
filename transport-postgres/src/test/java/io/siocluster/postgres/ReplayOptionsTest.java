package io.siocluster.postgres;

import static io.siocluster.postgres.Futures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.siocluster.spi.Transport;
import io.siocluster.spi.error.TransportConfigurationException;
import io.siocluster.spi.messaging.DeliveryGuarantee;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The replay option's edges: its window, its table (name, creation, purge), and what it does to attachments. */
@DisplayName("replay options")
@ExtendWith(PostgresExtension.class)
class ReplayOptionsTest {

    private static final String HINT = "replayopt";

    private final PostgresDatabase db;

    ReplayOptionsTest(PostgresDatabase db) {
        this.db = db;
    }

    @AfterAll
    static void dropReplayTables(PostgresDatabase db) throws SQLException {
        ReplayTables.dropAll(db, HINT);
    }

    @Test
    @DisplayName("a window under 1 s or over 1 h is refused, naming the option")
    void windowBounds() {
        String table = db.uniqueTableName(HINT);
        for (Duration bad : new Duration[] {Duration.ofMillis(999), Duration.ofHours(2)}) {
            assertThatThrownBy(() -> createWithWindow(table, bad))
                    .isInstanceOf(TransportConfigurationException.class).hasMessageContaining("postgres.replayWindow");
        }
    }

    private void createWithWindow(String table, Duration window) {
        PostgresTransport.create(TestTransports.options(db, table).option(PostgresOptions.REPLAY, true)
                .option(PostgresOptions.REPLAY_WINDOW, window).build()).close();
    }

    @Test
    @DisplayName("off by default (at most once); on, the transport declares that it resumes")
    void guarantee() {
        String table = db.uniqueTableName(HINT);
        try (Transport off = PostgresTransport.create(TestTransports.options(db, table).build());
                Transport on = PostgresTransport.create(TestTransports.options(db, table)
                        .option(PostgresOptions.REPLAY, true).build())) {
            assertThat(off.messaging().deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_MOST_ONCE);
            assertThat(on.messaging().deliveryGuarantee()).isEqualTo(DeliveryGuarantee.RESUMES_IN_ORDER);
        }
    }

    @Test
    @DisplayName("a missing replay table that may not be created fails at creation, naming it and the option")
    void missingTableNotToBeCreated() throws SQLException {
        String table = db.uniqueTableName(HINT);
        try (Transport node = PostgresTransport.create(TestTransports.options(db, table).build())) {
            join(node.blobStore().orElseThrow().put(new byte[] {1})); // the attachments table exists, its replay table not
        }
        assertThatThrownBy(() -> PostgresTransport.create(TestTransports.options(db, table)
                        .option(PostgresOptions.REPLAY, true).option(PostgresOptions.CREATE_TABLE, false).build()).close())
                .isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining(table + "_replay").hasMessageContaining("postgres.replay");
    }

    @Test
    @DisplayName("the replay table's name is the attachments table's plus _replay, cut to PostgreSQL's 63 bytes")
    void longNamesAreCut() throws SQLException {
        String base = db.uniqueTableName(HINT);
        String table = base + "_" + "x".repeat(63 - base.length() - 1);
        assertThat(table).hasSize(63);
        try (Transport node = PostgresTransport.create(TestTransports.options(db, table)
                .option(PostgresOptions.REPLAY, true).build())) {
            join(node.messaging().publish(db.uniqueName("ch"), "kept"));
            String replay = table.substring(0, 63 - "_replay".length()) + "_replay";
            assertThat(db.queryLong("SELECT count(*) FROM \"" + replay + "\" WHERE payload = 'kept'")).isEqualTo(1);
        } finally {
            db.execute("DROP TABLE IF EXISTS \"" + table + "\"");
        }
    }

    @Test
    @DisplayName("rows older than the window are purged")
    void purgedByAge() throws SQLException {
        String table = db.uniqueTableName(HINT);
        try (Transport node = PostgresTransport.create(TestTransports.options(db, table)
                .option(PostgresOptions.REPLAY, true).option(PostgresOptions.REPLAY_WINDOW, Duration.ofSeconds(1)).build())) {
            join(node.messaging().publish(db.uniqueName("ch"), "short-lived"));
            assertThat(db.queryLong("SELECT count(*) FROM \"" + table + "_replay\"")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> db.queryLong("SELECT count(*) FROM \"" + table + "_replay\"") == 0);
        }
    }

    @Test
    @DisplayName("with replay on, attachments are kept at least the window, so a replayed header finds its blob")
    void attachmentsOutliveTheWindow() {
        String table = db.uniqueTableName(HINT);
        try (Transport off = PostgresTransport.create(TestTransports.options(db, table).build());
                Transport on = PostgresTransport.create(TestTransports.options(db, table)
                        .option(PostgresOptions.REPLAY, true).build())) {
            String id = join(on.blobStore().orElseThrow().put(new byte[] {7}));
            assertThat(join(on.blobStore().orElseThrow().purgeOlderThan(Duration.ZERO))).isZero();
            assertThat(join(on.blobStore().orElseThrow().get(id))).isPresent();
            assertThat(join(off.blobStore().orElseThrow().purgeOlderThan(Duration.ZERO))).isPositive();
            assertThat(join(on.blobStore().orElseThrow().get(id))).isEmpty();
        }
    }
}
