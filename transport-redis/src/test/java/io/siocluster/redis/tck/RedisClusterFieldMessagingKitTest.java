package io.siocluster.redis.tck;

import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.FieldMessagingKit;

/** The field kit on a Redis Cluster of 3 primaries: the kit's streams hash to slots on every shard. */
class RedisClusterFieldMessagingKitTest extends FieldMessagingKit {

    private final TransportOptions options = RedisKits.clusterOptions("cluster-fields");

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }
}
