package io.siocluster.tck.cluster;

import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterNamespace;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterStats;
import io.siocluster.spi.Transport;
import io.siocluster.tck.TckTimeouts;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** One cluster node of a kit: its transport, the core's node and namespace, and the fake Socket.IO side. */
public final class TestNode {

    private final String name;
    private final Transport transport;
    private final ClusterNode node;
    private final ClusterNamespace nsp;
    private final FakeLocalSide local;

    TestNode(String name, Transport transport, ClusterNode node, ClusterNamespace nsp, FakeLocalSide local) {
        this.name = name;
        this.transport = transport;
        this.node = node;
        this.nsp = nsp;
        this.local = local;
    }

    public String name() {
        return name;
    }

    public Transport transport() {
        return transport;
    }

    public ClusterNode node() {
        return node;
    }

    /** The default namespace {@code "/"} on this node. */
    public ClusterNamespace nsp() {
        return nsp;
    }

    public FakeLocalSide local() {
        return local;
    }

    public String uid() {
        return nsp.uid();
    }

    public ClusterStats stats() {
        return node.stats();
    }

    /** Waits until this node's peers are exactly {@code uids}. */
    public void awaitPeers(String rule, Set<String> uids, Duration atMost) {
        await(rule + ": " + name + " should see peers " + uids).atMost(atMost).pollInterval(Duration.ofMillis(20))
                .until(() -> nsp.peers().equals(uids));
    }

    /** Waits until this node's peers are exactly {@code others}. */
    public void awaitPeers(String rule, TestNode... others) {
        awaitPeers(rule, Arrays.stream(others).map(TestNode::uid).collect(Collectors.toSet()), TckTimeouts.delivery());
    }

    @Override
    public String toString() {
        return name + "(" + nsp.uid() + ")";
    }
}
