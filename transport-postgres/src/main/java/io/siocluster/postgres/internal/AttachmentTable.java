package io.siocluster.postgres.internal;

import io.siocluster.spi.error.TransportConfigurationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL of the attachments table, compatible with Node's adapter: {@code id bigserial UNIQUE,
 * created_at timestamptz DEFAULT now(), payload bytea}. A table that exists (Node's, or an earlier run's)
 * is used as it is; a missing one is created, when allowed, UNLOGGED (its rows live for seconds, and
 * unlogged inserts skip the WAL flush) with an index on {@code created_at} for purging. Every statement is
 * a short autocommit one on a connection borrowed for just that call.
 */
final class AttachmentTable {

    private static final Logger LOG = LoggerFactory.getLogger(AttachmentTable.class);

    /** Rows deleted per statement, so purging a large backlog never holds long locks or a huge transaction. */
    static final int PURGE_BATCH = 1_000;

    /** Dead pooled connections skipped before a blob operation gives up. */
    private static final int STALE_CONNECTION_ATTEMPTS = 5;

    private final DataSource dataSource;
    private final Settings settings;
    private final TableName table;
    private final boolean createTable;
    private final String insert;
    private final String select;
    private final String deleteBatch;
    private final String lockKey;
    private volatile boolean ensured;

    AttachmentTable(DataSource dataSource, Settings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.table = settings.table();
        this.createTable = settings.createTable();
        String sql = table.sql();
        this.insert = "INSERT INTO " + sql + " (payload) VALUES (?) RETURNING id";
        this.select = "SELECT payload FROM " + sql + " WHERE id = ?";
        this.deleteBatch = "DELETE FROM " + sql + " WHERE id IN (SELECT id FROM " + sql
                + " WHERE created_at < now() - make_interval(secs => ?) LIMIT " + PURGE_BATCH + ")";
        this.lockKey = "sio-cluster purge " + table;
    }

    String put(byte[] bytes) throws SQLException {
        return withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(insert)) {
                s.setBytes(1, bytes);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return Long.toString(rs.getLong(1));
                }
            }
        });
    }

    Optional<byte[]> get(long id) throws SQLException {
        return withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(select)) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Deletes rows older than {@code age} in batches, unless another node holds the purge lock (then it is
     * doing the same work and this call returns 0). The lock is a session advisory lock, released on the
     * same connection before it goes back to the pool.
     */
    long purgeOlderThan(Duration age) throws SQLException {
        return withConnection(c -> {
            if (!UnloggedTables.advisoryLock(c, "SELECT pg_try_advisory_lock(hashtext(?))", lockKey)) {
                LOG.debug("another node is purging {}", table);
                return 0L;
            }
            try (PreparedStatement s = c.prepareStatement(deleteBatch)) {
                s.setDouble(1, age.toNanos() / 1e9);
                long total = 0;
                int deleted;
                do {
                    deleted = s.executeUpdate();
                    total += deleted;
                } while (deleted == PURGE_BATCH);
                return total;
            } finally {
                UnloggedTables.advisoryLock(c, "SELECT pg_advisory_unlock(hashtext(?))", lockKey);
            }
        });
    }

    /** Work on one pooled connection. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} on a pooled connection, taking another when the first turns out dead: right after a
     * server restart a pool may hand out connections whose server process is gone (it skips its own check
     * for recently used ones). Such a connection fails at once with a connection-class error, before the
     * statement ran, so trying again is safe; the pool evicts the dead one as the error passes through it.
     */
    private <T> T withConnection(SqlWork<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            // Failing to get a connection at all is not retried here: the pool has already waited.
            try (Connection c = Connections.bounded(dataSource.getConnection(), settings)) {
                try {
                    if (!ensured) {
                        ensureTable(c);
                    }
                    return work.run(c);
                } catch (SQLException e) {
                    if (attempt >= STALE_CONNECTION_ATTEMPTS || !SqlErrors.isConnectionLost(e)) {
                        throw e;
                    }
                    LOG.debug("retrying on another pooled connection after: {}", e.getMessage());
                }
            }
        }
    }

    /**
     * Checks, without changing anything, that this connection's role may use the table: SELECT, INSERT and
     * DELETE on it and USAGE on its id sequence, or, when it is missing and may be created, CREATE in its
     * schema.
     *
     * @param fail turns a description into the full message
     * @throws TransportConfigurationException naming the role, the table and what is missing
     */
    void checkAccess(Connection c, UnaryOperator<String> fail) throws SQLException {
        if (UnloggedTables.exists(c, table)) {
            UnloggedTables.requirePrivileges(c, table, "attachments", fail);
            return;
        }
        if (!createTable) {
            throw new TransportConfigurationException(fail.apply(missingAndNotToBeCreated()));
        }
        try (PreparedStatement s = c.prepareStatement("SELECT n, n IS NOT NULL AND has_schema_privilege(n, 'CREATE'),"
                + " current_user FROM (SELECT coalesce(?, current_schema()) AS n) AS t")) {
            s.setString(1, table.schema());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(2)) {
                    String schema = rs.getString(1);
                    throw new TransportConfigurationException(fail.apply("the attachments table " + table
                            + " does not exist and role " + rs.getString(3) + " may not create it ("
                            + (schema == null ? "no schema on its search_path" : "no CREATE privilege on schema " + schema)
                            + "); create it, or grant CREATE"));
                }
            }
        }
    }

    private synchronized void ensureTable(Connection c) throws SQLException {
        if (ensured) {
            return;
        }
        if (!UnloggedTables.exists(c, table)) {
            if (!createTable) {
                throw new TransportConfigurationException(missingAndNotToBeCreated());
            }
            UnloggedTables.create(c, table, "(id bigserial UNIQUE, created_at timestamptz DEFAULT now(), payload bytea)",
                    "attachments");
        }
        ensured = true;
    }

    private String missingAndNotToBeCreated() {
        return "the attachments table " + table + " does not exist and option 'postgres.createTable' is false;"
                + " create it or allow the transport to";
    }
}
