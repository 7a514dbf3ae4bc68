package io.siocluster.redis;

import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.TransportProvider;

/** The {@code "redis"} provider, found through {@link java.util.ServiceLoader}; see {@link RedisOptions}. */
public final class RedisTransportProvider implements TransportProvider {

    @Override
    public String name() {
        return RedisTransport.PROVIDER_NAME;
    }

    @Override
    public Transport create(TransportOptions options) {
        return RedisTransport.create(options);
    }
}
