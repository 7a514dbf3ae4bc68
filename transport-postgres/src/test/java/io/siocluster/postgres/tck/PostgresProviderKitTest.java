package io.siocluster.postgres.tck;

import io.siocluster.postgres.TestTransports;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.ProviderKit;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresProviderKitTest extends ProviderKit {

    private final TransportOptions options;

    PostgresProviderKitTest(PostgresDatabase db) {
        // A password makes rule D5 (secrets print as REDACTED) check something; trust auth ignores it.
        this.options = TestTransports.options(db, db.uniqueTableName("tck_provider"))
                .option(io.siocluster.postgres.PostgresOptions.PASSWORD, "s3cret-not-used")
                .build();
    }

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }
}
