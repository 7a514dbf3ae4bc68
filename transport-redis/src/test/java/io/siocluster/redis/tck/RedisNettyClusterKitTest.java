package io.siocluster.redis.tck;

import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.netty.NettyClusterKit;

class RedisNettyClusterKitTest extends NettyClusterKit {

    private final TransportOptions options = RedisKits.options("netty");

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }
}
