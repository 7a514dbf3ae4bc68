package io.siocluster.redis.tck;

import io.siocluster.redis.CuttableClusterNodes;
import io.siocluster.redis.RedisClusterServers;
import io.siocluster.redis.TestTransports;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.ConnectionCutter;
import io.siocluster.tck.cluster.CoreClusterKit;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/**
 * The CoreClusterKit on a Redis Cluster of 3 primaries: each node connects with a cluster client of its own, which
 * the cutter cuts off (every connection closed, new ones refused): a network outage of one node.
 */
class RedisClusterCoreClusterKitTest extends CoreClusterKit {

    private final CuttableClusterNodes nodes = new CuttableClusterNodes(RedisClusterServers.shared().seeds(),
            TestTransports.uniquePrefix("cluster-core"));

    @Override
    protected TransportOptions transportOptions() {
        return nodes.nextNode();
    }

    @Override
    protected Optional<ConnectionCutter> connectionCutter() {
        return Optional.of(nodes.cutter());
    }

    @AfterEach
    void closeClients() {
        nodes.close();
    }
}
