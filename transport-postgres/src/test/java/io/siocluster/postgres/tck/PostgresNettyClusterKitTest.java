package io.siocluster.postgres.tck;

import io.siocluster.postgres.TestTransports;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.netty.NettyClusterKit;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresNettyClusterKitTest extends NettyClusterKit {

    private final TransportOptions options;

    PostgresNettyClusterKitTest(PostgresDatabase db) {
        this.options = TestTransports.options(db, db.uniqueTableName("tck_netty")).build();
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
