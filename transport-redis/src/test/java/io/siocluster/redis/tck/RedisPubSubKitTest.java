package io.siocluster.redis.tck;

import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.PubSubKit;

class RedisPubSubKitTest extends PubSubKit {

    private final TransportOptions options = RedisKits.options("pubsub");

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }
}
