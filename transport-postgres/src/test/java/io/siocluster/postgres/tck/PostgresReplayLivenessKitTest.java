package io.siocluster.postgres.tck;

import io.siocluster.postgres.ListenerFaults;
import io.siocluster.postgres.PostgresOptions;
import io.siocluster.postgres.TestTransports;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.ConnectionCutter;
import io.siocluster.tck.LivenessKit;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import io.siocluster.postgres.ReplayTables;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/** The liveness rules with replay on: the transport resumes, so L9 runs (and L4 is skipped with its reason). */
@DisplayName("Liveness, replay on")
@ExtendWith(PostgresExtension.class)
class PostgresReplayLivenessKitTest extends LivenessKit {

    private final PostgresDatabase db;
    private final String table;
    private final ListenerFaults faults;

    PostgresReplayLivenessKitTest(PostgresDatabase db) {
        this.db = db;
        this.table = db.uniqueTableName("tck_replay_liveness");
        this.faults = new ListenerFaults(db);
    }

    @AfterAll
    static void dropReplayTables(PostgresDatabase db) throws SQLException {
        ReplayTables.dropAll(db, "tck_replay_liveness");
    }

    @Override
    protected TransportOptions transportOptions() {
        return faults.install(TestTransports.options(db, table).option(PostgresOptions.REPLAY, true)).build();
    }

    @Override
    protected Optional<ConnectionCutter> connectionCutter() {
        return Optional.of(faults::cut);
    }
}
