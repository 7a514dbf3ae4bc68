package io.siocluster.micrometer;

import io.siocluster.postgres.PostgresOptions;
import io.siocluster.postgres.PostgresTransport;
import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("cluster meters on PostgreSQL")
@ExtendWith(PostgresExtension.class)
class PostgresClusterMetricsTest extends ClusterMetricsContract {

    private final PostgresDatabase db;
    private final String table;

    PostgresClusterMetricsTest(PostgresDatabase db) {
        this.db = db;
        this.table = db.uniqueTableName("metrics");
    }

    @Override
    Transport newTransport() {
        return PostgresTransport.create(TransportOptions.builder()
                .option(PostgresOptions.DATA_SOURCE, db.dataSource())
                .option(PostgresOptions.TABLE_NAME, table)
                .build());
    }
}
