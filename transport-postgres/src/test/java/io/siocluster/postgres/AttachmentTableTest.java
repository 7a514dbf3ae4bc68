package io.siocluster.postgres;

import static io.siocluster.postgres.Futures.failure;
import static io.siocluster.postgres.Futures.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.spi.Transport;
import io.siocluster.spi.Transports;
import io.siocluster.spi.error.TransportConfigurationException;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The attachments table: created UNLOGGED and indexed when missing, Node's table used as is, purged in batches by one node. */
@ExtendWith(PostgresExtension.class)
class AttachmentTableTest {

    private final PostgresDatabase db;

    AttachmentTableTest(PostgresDatabase db) {
        this.db = db;
    }

    private Transport node(String table) {
        return Transports.create(TestTransports.options(db, table).build());
    }

    @Test
    void aMissingTableIsCreatedUnloggedWithAnIndexOnCreatedAt() throws SQLException {
        String table = db.uniqueTableName("created");
        try (Transport node = node(table)) {
            String id = join(node.blobStore().orElseThrow().put(new byte[] {1, 2}));

            assertThat(id).matches("[0-9]+");
            assertThat(persistence(table)).as("relpersistence").isEqualTo("u");
            assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE tablename = ? AND indexdef LIKE '%(created_at)%'",
                    table)).isEqualTo(1);
            assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = ?"
                    + " AND ((column_name = 'id' AND data_type = 'bigint') OR (column_name = 'created_at'"
                    + " AND data_type = 'timestamp with time zone') OR (column_name = 'payload' AND data_type = 'bytea'))",
                    table)).as("Node's three columns").isEqualTo(3);
        }
    }

    @Test
    void aNodeStyleTableIsUsedAsItIs() throws SQLException {
        String table = db.uniqueTableName("node_style");
        // The Node adapter's own DDL (logged, no index).
        db.execute("CREATE TABLE IF NOT EXISTS " + table
                + " (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)");
        db.execute("INSERT INTO " + table + " (payload) VALUES ('\\x0a0b'::bytea)");
        long nodeId = db.queryLong("SELECT max(id) FROM " + table);
        try (Transport node = node(table)) {
            String ours = join(node.blobStore().orElseThrow().put(new byte[] {7}));

            assertThat(Long.parseLong(ours)).isGreaterThan(nodeId);
            assertThat(join(node.blobStore().orElseThrow().get(Long.toString(nodeId)))).as("a row Node wrote")
                    .hasValueSatisfying(b -> assertThat(b).containsExactly(10, 11));
            assertThat(db.queryLong("SELECT length(payload) FROM " + table + " WHERE id = ?", Long.parseLong(ours)))
                    .as("a row Node can read").isEqualTo(1);
            assertThat(persistence(table)).as("left logged").isEqualTo("p");
            assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE tablename = ?", table))
                    .as("only Node's unique index").isEqualTo(1);
        }
    }

    @Test
    void aSchemaQualifiedTableWorks() throws SQLException {
        String schema = db.uniqueName("schema");
        db.execute("CREATE SCHEMA " + schema);
        try (Transport node = node(schema + ".attachments")) {
            String id = join(node.blobStore().orElseThrow().put(new byte[] {3}));
            assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".attachments WHERE id = ?", Long.parseLong(id)))
                    .isEqualTo(1);
        } finally {
            db.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void withCreationForbiddenAMissingTableIsAConfigurationError() {
        String table = db.uniqueTableName("forbidden");
        try (Transport node = Transports.create(TestTransports.options(db, table)
                .option(PostgresOptions.CREATE_TABLE, false)
                .option(PostgresOptions.START_DEGRADED, true).build())) { // else creation fails (StartupCheckTest)
            Throwable failure = failure(node.blobStore().orElseThrow().put(new byte[] {1}), Duration.ofSeconds(10));

            assertThat(failure).isInstanceOf(TransportConfigurationException.class)
                    .hasMessageContaining(table).hasMessageContaining("postgres.createTable");
        }
    }

    @Test
    void purgeDeletesOldRowsInBatchesAndKeepsYoungOnes() throws SQLException {
        String table = db.uniqueTableName("purge");
        try (Transport node = node(table)) {
            join(node.blobStore().orElseThrow().put(new byte[0])); // creates the table
            db.execute("INSERT INTO " + table + " (created_at, payload) SELECT now() - interval '1 hour', '\\x00'::bytea"
                    + " FROM generate_series(1, 2500)");
            String young = join(node.blobStore().orElseThrow().put(new byte[] {5}));

            long purged = join(node.blobStore().orElseThrow().purgeOlderThan(Duration.ofMinutes(30)));

            assertThat(purged).as("2500 rows in batches of 1000").isEqualTo(2500);
            assertThat(join(node.blobStore().orElseThrow().get(young))).isPresent();
        }
    }

    @Test
    void whileAnotherNodeHoldsThePurgeLockPurgeLeavesTheWorkToIt() throws SQLException {
        String table = db.uniqueTableName("purge_lock");
        try (Transport node = node(table); Connection other = db.connect()) {
            String old = join(node.blobStore().orElseThrow().put(new byte[] {1}));
            db.execute("UPDATE " + table + " SET created_at = now() - interval '1 hour'");
            try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
                lock.setString(1, "sio-cluster purge " + table);
                lock.execute();
            }

            assertThat(join(node.blobStore().orElseThrow().purgeOlderThan(Duration.ofMinutes(1)))).isZero();
            assertThat(join(node.blobStore().orElseThrow().get(old))).isPresent();

            try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                unlock.execute();
            }
            assertThat(join(node.blobStore().orElseThrow().purgeOlderThan(Duration.ofMinutes(1)))).isEqualTo(1);
        }
    }

    @Test
    void malformedAndUnknownIdsReadAsEmpty() {
        try (Transport node = node(db.uniqueTableName("ids"))) {
            for (String id : new String[] {"99999999999999", "99999999999999999999", "1e3", " 1", "0x10", "١٢"}) {
                assertThat(join(node.blobStore().orElseThrow().get(id))).as("get(%s)", id).isEmpty();
            }
        }
    }

    private String persistence(String table) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement("SELECT relpersistence FROM pg_class WHERE oid = to_regclass(?)")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
