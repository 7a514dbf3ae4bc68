package io.siocluster.postgres.internal;

import io.siocluster.spi.error.TransportConfigurationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the transport's two tables (attachments and replay) do alike: both are UNLOGGED, indexed on
 * {@code created_at}, created by whichever node gets there first, checked for the role's privileges at start,
 * and purged by one node at a time under an advisory lock.
 */
final class UnloggedTables {

    private static final Logger LOG = LoggerFactory.getLogger(UnloggedTables.class);

    private UnloggedTables() {
    }

    static boolean exists(Connection c, TableName table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            s.setString(1, table.sql());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Creates the table and its {@code created_at} index together, or finds them created by another node at
     * the same moment.
     *
     * @param columns the column list, parenthesised
     * @param what "attachments" or "replay", for the log
     */
    static void create(Connection c, TableName table, String columns, String what) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // table and index appear together or not at all
        try (Statement s = c.createStatement()) {
            s.execute("CREATE UNLOGGED TABLE IF NOT EXISTS " + table.sql() + " " + columns);
            s.execute("CREATE INDEX IF NOT EXISTS " + table.createdAtIndexSql() + " ON " + table.sql() + " (created_at)");
            c.commit();
            LOG.info("created the {} table {} (UNLOGGED, indexed on created_at)", what, table);
        } catch (SQLException e) {
            c.rollback();
            // Another node created it at the same moment (a unique violation in the catalog, or a duplicate row type): fine.
            if (!("23505".equals(e.getSQLState()) || "42P07".equals(e.getSQLState())
                    || "42710".equals(e.getSQLState())) || !exists(c, table)) { // 42710: its row type, created concurrently
                throw e;
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Checks that this connection's role may SELECT, INSERT and DELETE on the existing table and use its id
     * sequence.
     *
     * @throws TransportConfigurationException naming the role, the table and what is missing
     */
    static void requirePrivileges(Connection c, TableName table, String what, UnaryOperator<String> fail)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT has_table_privilege(?, 'SELECT'),"
                + " has_table_privilege(?, 'INSERT'), has_table_privilege(?, 'DELETE'),"
                + " coalesce(has_sequence_privilege(pg_get_serial_sequence(?, 'id'), 'USAGE'), true), current_user")) {
            for (int i = 1; i <= 4; i++) {
                s.setString(i, table.sql());
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                List<String> missing = new ArrayList<>();
                String[] names = {"SELECT", "INSERT", "DELETE", "USAGE on its id sequence"};
                for (int i = 0; i < names.length; i++) {
                    if (!rs.getBoolean(i + 1)) {
                        missing.add(names[i]);
                    }
                }
                if (!missing.isEmpty()) {
                    throw new TransportConfigurationException(fail.apply("role " + rs.getString(5) + " lacks "
                            + String.join(", ", missing) + " on the " + what + " table " + table));
                }
            }
        }
    }

    /** Runs an advisory-lock function ({@code pg_try_advisory_lock} or {@code pg_advisory_unlock}) on a key. */
    static boolean advisoryLock(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
