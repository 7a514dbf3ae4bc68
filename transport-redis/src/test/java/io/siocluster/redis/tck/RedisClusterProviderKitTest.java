package io.siocluster.redis.tck;

import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.ProviderKit;

/** The ProviderKit on a Redis Cluster of 3 primaries: the kit's channels hash to slots on every shard. */
class RedisClusterProviderKitTest extends ProviderKit {

    private final TransportOptions options = RedisKits.clusterOptions("cluster-provider");

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }
}
