package io.siocluster.redis.tck;

import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.netty.NettyClusterKit;

/** The netty cluster kit with every message framed as Node's redis-streams-adapter entries. */
class RedisStreamsWireNettyClusterKitTest extends NettyClusterKit {

    private final TransportOptions options = RedisKits.options("wire-netty").mutate()
            .option(TransportOptions.TRANSPORT, StreamFramedRedisProvider.NAME).build();

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }
}
