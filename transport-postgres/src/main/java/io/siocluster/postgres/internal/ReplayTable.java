package io.siocluster.postgres.internal;

import io.siocluster.spi.error.TransportConfigurationException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL of the replay table ({@code <attachments table>_replay}): {@code id bigserial PRIMARY KEY,
 * created_at timestamptz DEFAULT now(), channel text, payload text}, UNLOGGED (its rows live for the replay
 * window; an unlogged insert adds no WAL flush to the NOTIFY transaction, which holds PostgreSQL's global
 * notify lock while it commits) and indexed on {@code created_at} for both the replay query and the purge.
 * The publisher writes each batch here in the statement that notifies it, so a row exists exactly when its
 * notification was sent; the listener reads it back after a reconnect.
 */
final class ReplayTable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayTable.class);

    /** Rows read per round trip while replaying, so a long replay never sits in memory at once. */
    static final int FETCH_SIZE = 1_000;

    private static final String COLUMNS = "(id bigserial PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(),"
            + " channel text NOT NULL, payload text NOT NULL)";

    /**
     * The publishing statement: one transaction inserts the batch and notifies it, both in queue order (the
     * insert's ids follow {@code o}, so replaying by id keeps each publisher's order).
     */
    final String notifyAndInsert;

    private final TableName table;
    private final boolean createTable;
    private final String select;
    private final String deleteBatch;
    private final String lockKey;
    private volatile boolean ensured;

    ReplayTable(Settings settings) {
        this.table = settings.table().replayTable();
        this.createTable = settings.createTable();
        String sql = table.sql();
        this.notifyAndInsert = "WITH m AS (SELECT c, p, o FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS t(c, p, o)),"
                + " ins AS (INSERT INTO " + sql + " (channel, payload) SELECT c, p FROM m ORDER BY o)"
                + " SELECT pg_notify(c, p) FROM m ORDER BY o";
        this.select = "SELECT channel, payload, created_at >= now() - make_interval(secs => ?) FROM " + sql
                + " WHERE created_at >= clock_timestamp() - make_interval(secs => ?) AND channel = ANY (?) ORDER BY id";
        this.deleteBatch = "DELETE FROM " + sql + " WHERE id IN (SELECT id FROM " + sql
                + " WHERE created_at < now() - make_interval(secs => ?) LIMIT " + AttachmentTable.PURGE_BATCH + ")";
        this.lockKey = "sio-cluster purge " + table;
    }

    TableName name() {
        return table;
    }

    /** Sends one batch: the rows and their notifications in one statement, so in one transaction. */
    void send(Connection connection, List<Publisher.Pending> batch) throws SQLException {
        if (!ensured) {
            ensure(connection);
        }
        String[] channels = batch.stream().map(Publisher.Pending::wireChannel).toArray(String[]::new);
        String[] payloads = batch.stream().map(Publisher.Pending::payload).toArray(String[]::new);
        try (PreparedStatement statement = connection.prepareStatement(notifyAndInsert)) {
            Array channelArray = connection.createArrayOf("text", channels);
            Array payloadArray = connection.createArrayOf("text", payloads);
            statement.setArray(1, channelArray);
            statement.setArray(2, payloadArray);
            statement.execute();
            channelArray.free();
            payloadArray.free();
        }
    }

    /** Receives replayed rows, in id order. */
    @FunctionalInterface
    interface RowSink {
        /**
         * @param recent whether the row was created less than the given margin before the replay began: only such
         *     a row can still be committing, and so also arrive as a notification on the new connection
         * @return false to stop (the transport is closing)
         */
        boolean row(String wireChannel, String payload, boolean recent) throws InterruptedException;
    }

    /**
     * Streams the rows of {@code wireChannels} created in the last {@code seconds} (by the server's clock) to
     * {@code sink}, in id order, each marked recent when created less than {@code recentSeconds} before the
     * transaction began, inside one read-only transaction with a cursor ({@link #FETCH_SIZE} rows per
     * round trip). The connection is the listener's: it is back in autocommit afterwards, and notifications
     * that arrived meanwhile wait in the driver for the next {@code getNotifications}.
     */
    void replay(Connection connection, double seconds, double recentSeconds, List<String> wireChannels, RowSink sink)
            throws SQLException, InterruptedException {
        if (!ensured) {
            ensure(connection); // nobody has published with replay on yet
        }
        connection.setAutoCommit(false); // a cursor (fetch size) needs a transaction
        boolean done = false;
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setFetchSize(FETCH_SIZE);
            statement.setDouble(1, recentSeconds);
            statement.setDouble(2, seconds);
            Array channels = connection.createArrayOf("text", wireChannels.toArray(String[]::new));
            statement.setArray(3, channels);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (!sink.row(rows.getString(1), rows.getString(2), rows.getBoolean(3))) {
                        break;
                    }
                }
            }
            channels.free();
            connection.commit();
            done = true;
        } finally {
            if (!done) {
                try {
                    connection.rollback();
                } catch (SQLException e) {
                    LOG.debug("rolling back the replay failed", e);
                }
            }
            connection.setAutoCommit(true); // inside a transaction no notification is delivered
        }
    }

    /**
     * Deletes rows older than {@code age} in batches, unless another node holds the purge lock (it is doing
     * the same work); the lock is a session advisory lock, released before the connection goes back.
     */
    long purgeOlderThan(Connection c, Duration age) throws SQLException {
        if (!ensured) {
            ensure(c);
        }
        if (!UnloggedTables.advisoryLock(c, "SELECT pg_try_advisory_lock(hashtext(?))", lockKey)) {
            return 0;
        }
        try (PreparedStatement s = c.prepareStatement(deleteBatch)) {
            s.setDouble(1, age.toNanos() / 1e9);
            long total = 0;
            int deleted;
            do {
                deleted = s.executeUpdate();
                total += deleted;
            } while (deleted == AttachmentTable.PURGE_BATCH);
            return total;
        } finally {
            UnloggedTables.advisoryLock(c, "SELECT pg_advisory_unlock(hashtext(?))", lockKey);
        }
    }

    /**
     * Checks, without changing anything, that this connection's role may use the table (SELECT, INSERT,
     * DELETE, USAGE on its id sequence) or, when it is missing and may be created, create it.
     *
     * @throws TransportConfigurationException naming the role, the table and what is missing
     */
    void checkAccess(Connection c, UnaryOperator<String> fail) throws SQLException {
        if (UnloggedTables.exists(c, table)) {
            UnloggedTables.requirePrivileges(c, table, "replay", fail);
            return;
        }
        if (!createTable) {
            throw new TransportConfigurationException(fail.apply(missingAndNotToBeCreated()));
        }
        try (PreparedStatement s = c.prepareStatement("SELECT coalesce(?, current_schema()) IS NOT NULL"
                + " AND has_schema_privilege(coalesce(?, current_schema()), 'CREATE'), current_user")) {
            s.setString(1, table.schema());
            s.setString(2, table.schema());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new TransportConfigurationException(fail.apply("the replay table " + table
                            + " does not exist and role " + rs.getString(2) + " may not create it; create it, or grant"
                            + " CREATE on its schema, or turn option 'postgres.replay' off"));
                }
            }
        }
    }

    /** Creates the table when it is missing (and allowed to), once per transport. */
    synchronized void ensure(Connection c) throws SQLException {
        if (ensured) {
            return;
        }
        if (!UnloggedTables.exists(c, table)) {
            if (!createTable) {
                throw new TransportConfigurationException(missingAndNotToBeCreated());
            }
            UnloggedTables.create(c, table, COLUMNS, "replay");
        }
        ensured = true;
    }

    private String missingAndNotToBeCreated() {
        return "the replay table " + table + " does not exist and option 'postgres.createTable' is false;"
                + " create it (" + ddl() + "), allow the transport to, or turn option 'postgres.replay' off";
    }

    private String ddl() {
        return "CREATE UNLOGGED TABLE " + table.sql() + " " + COLUMNS;
    }
}
