package io.siocluster.postgres;

import io.siocluster.testsupport.PostgresDatabase;
import java.sql.SQLException;

/**
 * Drops the replay tables ({@code <attachments table>_replay}) a test class made: the database extension drops
 * the attachments tables it named, not the ones the transport derived from them.
 */
public final class ReplayTables {

    private ReplayTables() {
    }

    /** Drops every table in the current schema named {@code <hint>_<suffix>_replay}. */
    public static void dropAll(PostgresDatabase db, String hint) throws SQLException {
        db.execute("DO $$DECLARE r record; BEGIN FOR r IN SELECT tablename FROM pg_tables"
                + " WHERE schemaname = current_schema() AND tablename LIKE '" + hint.replace("_", "\\_")
                + "\\_%\\_replay' LOOP EXECUTE format('DROP TABLE IF EXISTS %I', r.tablename); END LOOP; END$$");
    }
}
