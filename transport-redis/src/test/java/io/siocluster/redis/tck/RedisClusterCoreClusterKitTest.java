package io.siocluster.redis.tck;

import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.cluster.CoreClusterKit;

/** The CoreClusterKit on a Redis Cluster of 3 primaries: the kit's channels hash to slots on every shard. */
class RedisClusterCoreClusterKitTest extends CoreClusterKit {

    private final TransportOptions options = RedisKits.clusterOptions("cluster-corecluster");

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }
}
