package io.siocluster.redis.tck;

import io.siocluster.core.wire.WireFormat;
import io.siocluster.core.wire.Wires;
import io.siocluster.redis.RedisTransport;
import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.TransportProvider;

/**
 * Tests only: the Redis transport seen through the core's {@link WireFormat#REDIS_STREAMS} framing, so the cluster
 * kits run over Node's redis-streams entries (one stream per prefix, fields uid/nsp/type/data) exactly as a node
 * configured with that wire format does, while the kits' raw peers still publish texts.
 */
public final class StreamFramedRedisProvider implements TransportProvider {

    static final String NAME = "redis-streams-framed";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Transport create(TransportOptions options) {
        return Wires.adapt(RedisTransport.create(options), WireFormat.REDIS_STREAMS);
    }
}
