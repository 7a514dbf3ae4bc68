package io.siocluster.redis.tck;

import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.cluster.CoreClusterKit;

/** The core cluster kit with every message framed as Node's redis-streams-adapter entries. */
class RedisStreamsWireCoreClusterKitTest extends CoreClusterKit {

    private final TransportOptions options = RedisKits.options("wire-core").mutate()
            .option(TransportOptions.TRANSPORT, StreamFramedRedisProvider.NAME).build();

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }
}
