package io.siocluster.postgres.tck;

import io.siocluster.postgres.PostgresOptions;
import io.siocluster.postgres.TestTransports;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.MessagingKit;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import io.siocluster.postgres.ReplayTables;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/** The messaging rules with replay on: publishing writes the replay table in the NOTIFY's statement. */
@DisplayName("Messaging, replay on")
@ExtendWith(PostgresExtension.class)
class PostgresReplayMessagingKitTest extends MessagingKit {

    private final TransportOptions options;

    PostgresReplayMessagingKitTest(PostgresDatabase db) {
        this.options = TestTransports.options(db, db.uniqueTableName("tck_replay_messaging"))
                .option(PostgresOptions.REPLAY, true).build();
    }

    @AfterAll
    static void dropReplayTables(PostgresDatabase db) throws SQLException {
        ReplayTables.dropAll(db, "tck_replay_messaging");
    }

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }

    /** pgjdbc's cleaner thread is shared by every connection in the JVM and ends by itself when idle. */
    @Override
    protected boolean isSharedThread(Thread thread) {
        return thread.getName().startsWith("PostgreSQL-JDBC-");
    }
}
