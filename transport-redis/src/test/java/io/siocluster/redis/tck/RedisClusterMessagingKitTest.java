package io.siocluster.redis.tck;

import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.MessagingKit;

/** The MessagingKit on a Redis Cluster of 3 primaries: the kit's channels hash to slots on every shard. */
class RedisClusterMessagingKitTest extends MessagingKit {

    private final TransportOptions options = RedisKits.clusterOptions("cluster-messaging");

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }
}
