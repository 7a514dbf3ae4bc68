package io.siocluster.postgres;

import io.siocluster.spi.TransportOptions;
import io.siocluster.testsupport.PostgresDatabase;
import java.time.Duration;

/** Options for a transport on the test database, by name through discovery, with this class's own table. */
public final class TestTransports {

    private TestTransports() {
    }

    /**
     * Selects {@code "postgres"} by name and points it at {@code db}, with a short reconnect backoff so fault
     * tests recover within a second or so of the fault ending.
     */
    public static TransportOptions.Builder options(PostgresDatabase db, String table) {
        TransportOptions.Builder builder = TransportOptions.builder()
                .option(TransportOptions.TRANSPORT, PostgresTransport.PROVIDER_NAME)
                .option(PostgresOptions.URL, db.jdbcUrl())
                .option(PostgresOptions.TABLE_NAME, table)
                .option(PostgresOptions.RECONNECT_BACKOFF_MAX, Duration.ofMillis(500))
                .option(PostgresOptions.PING_INTERVAL, Duration.ofSeconds(2));
        db.user().ifPresent(user -> builder.option(PostgresOptions.USER, user));
        db.password().ifPresent(password -> builder.option(PostgresOptions.PASSWORD, password));
        return builder;
    }
}
