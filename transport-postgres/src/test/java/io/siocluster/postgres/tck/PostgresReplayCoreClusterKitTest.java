package io.siocluster.postgres.tck;

import io.siocluster.postgres.ListenerFaults;
import io.siocluster.postgres.PostgresOptions;
import io.siocluster.postgres.TestTransports;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.ConnectionCutter;
import io.siocluster.tck.cluster.CoreClusterKit;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import io.siocluster.postgres.ReplayTables;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@org.junit.jupiter.api.DisplayName("Core cluster, replay on")
class PostgresReplayCoreClusterKitTest extends CoreClusterKit {

    private final PostgresDatabase db;
    private final String table;
    private final ListenerFaults faults;

    PostgresReplayCoreClusterKitTest(PostgresDatabase db) {
        this.db = db;
        this.table = db.uniqueTableName("tck_replay_cluster");
        this.faults = new ListenerFaults(db);
    }

    /** Each call names a new node whose listener connections the cutter can refuse. */
    @AfterAll
    static void dropReplayTables(PostgresDatabase db) throws SQLException {
        ReplayTables.dropAll(db, "tck_replay_cluster");
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
