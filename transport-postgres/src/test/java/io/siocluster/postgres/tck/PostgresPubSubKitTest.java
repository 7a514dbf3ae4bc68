package io.siocluster.postgres.tck;

import io.siocluster.postgres.TestTransports;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.PubSubKit;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** PostgreSQL declares no pub/sub facet: every rule is skipped by that capability, none passed. */
@ExtendWith(PostgresExtension.class)
class PostgresPubSubKitTest extends PubSubKit {

    private final TransportOptions options;

    PostgresPubSubKitTest(PostgresDatabase db) {
        this.options = TestTransports.options(db, db.uniqueTableName("tck_pubsub")).build();
    }

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }
}
