package io.siocluster.postgres.tck;

import io.siocluster.postgres.TestTransports;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.FieldMessagingKit;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** PostgreSQL declares no field messaging: every rule is skipped by that capability, none passed. */
@ExtendWith(PostgresExtension.class)
class PostgresFieldMessagingKitTest extends FieldMessagingKit {

    private final TransportOptions options;

    PostgresFieldMessagingKitTest(PostgresDatabase db) {
        this.options = TestTransports.options(db, db.uniqueTableName("tck_fields")).build();
    }

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }
}
