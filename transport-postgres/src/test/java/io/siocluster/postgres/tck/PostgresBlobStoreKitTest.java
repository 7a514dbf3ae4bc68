package io.siocluster.postgres.tck;

import io.siocluster.postgres.TestTransports;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.BlobStoreKit;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresBlobStoreKitTest extends BlobStoreKit {

    private final TransportOptions options;

    PostgresBlobStoreKitTest(PostgresDatabase db) {
        this.options = TestTransports.options(db, db.uniqueTableName("tck_blobs")).build();
    }

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }
}
