package io.siocluster.interop.harness;

import io.siocluster.testsupport.PostgresDatabase;
import java.sql.SQLException;

/**
 * The channel prefix and attachments table one test class uses alone, so classes never hear each other. The
 * table is created here with the DDL from the Node adapter's README (a plain, logged table), as a Node
 * deployment would have it; Java nodes use an existing table as it is. It is dropped after the class.
 */
public record ClusterNames(String channelPrefix, String table) {

    public static ClusterNames create(PostgresDatabase db, String hint) {
        ClusterNames names = new ClusterNames(db.uniqueName(hint), db.uniqueTableName(hint));
        try {
            db.execute("CREATE TABLE " + names.table()
                    + " (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the attachments table " + names.table(), e);
        }
        return names;
    }

    public NodeServer.Settings nodeServer(String name) {
        return NodeServer.Settings.of(name, channelPrefix, table);
    }

    /** How many attachment rows were ever written to the table (its id sequence's last value). */
    public long attachmentsWritten(PostgresDatabase db) {
        try {
            return db.queryLong("SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence(?, 'id')), 0)", table);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
