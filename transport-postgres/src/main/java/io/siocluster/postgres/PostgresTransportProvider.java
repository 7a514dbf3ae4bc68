package io.siocluster.postgres;

import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.TransportProvider;

/** The {@code "postgres"} provider, found through {@link java.util.ServiceLoader}; see {@link PostgresOptions}. */
public final class PostgresTransportProvider implements TransportProvider {

    @Override
    public String name() {
        return PostgresTransport.PROVIDER_NAME;
    }

    @Override
    public Transport create(TransportOptions options) {
        return PostgresTransport.create(options);
    }
}
