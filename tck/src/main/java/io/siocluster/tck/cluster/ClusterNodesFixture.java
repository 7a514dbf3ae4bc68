package io.siocluster.tck.cluster;

import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterNamespace;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.core.codec.AttachmentPolicy;
import io.siocluster.core.emitter.Emitter;
import io.siocluster.core.protocol.ChannelNames;
import io.siocluster.core.protocol.InitialHeartbeat;
import io.siocluster.spi.Transport;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.tck.ConnectionCutter;
import io.siocluster.tck.Stages;
import io.siocluster.tck.TckTimeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Starts cluster nodes for one test over the transport under test, each on a new transport of the same bus
 * and all under a channel prefix of their own, so tests never see each other's messages. Closes the nodes
 * after the test (the kit closes the transports).
 */
public final class ClusterNodesFixture {

    /** Short heartbeats for the membership rules: a silent peer is gone after 600 ms (checked each second). */
    public static final UnaryOperator<ClusterOptions.Builder> SHORT_HEARTBEATS =
            b -> b.heartbeatInterval(Duration.ofMillis(200)).heartbeatTimeout(Duration.ofMillis(600));

    private final Supplier<Transport> transports;
    private final String channelPrefix;
    private final Supplier<Optional<ConnectionCutter>> cutter;
    private final List<ClusterNode> nodes = new ArrayList<>();

    ClusterNodesFixture(Supplier<Transport> transports, String channelPrefix, Supplier<Optional<ConnectionCutter>> cutter) {
        this.transports = transports;
        this.channelPrefix = channelPrefix;
        this.cutter = cutter;
    }

    public String channelPrefix() {
        return channelPrefix;
    }

    /** The channel of the default namespace. */
    public String channel() {
        return ChannelNames.channel(channelPrefix, ChannelNames.DEFAULT_NAMESPACE);
    }

    /** The options every node of the test starts from: Node's defaults but for the channel prefix. */
    public ClusterOptions.Builder options() {
        return ClusterOptions.builder().channelPrefix(channelPrefix);
    }

    /**
     * Starts a node with sockets {@code <name>-a} (room-a), {@code <name>-b} (room-b), {@code <name>-ab} (both)
     * and {@code <name>-0} (none); the {@code -b} sockets carry binary data.
     */
    public TestNode start(String name, UnaryOperator<ClusterOptions.Builder> tweak) {
        FakeLocalSide local = new FakeLocalSide(name);
        standardSockets(local);
        Transport transport = transports.get();
        ClusterNode node = ClusterNode.start(transport, tweak.apply(options()).build());
        synchronized (nodes) {
            nodes.add(node);
        }
        ClusterNamespace nsp = node.namespace("/", local);
        return new TestNode(name, transport, node, nsp, local);
    }

    public TestNode start(String name) {
        return start(name, UnaryOperator.identity());
    }

    /** Three nodes n1, n2, n3, each ready and seeing the other two. */
    public List<TestNode> startThree(UnaryOperator<ClusterOptions.Builder> tweak) {
        return meshed(start("n1", tweak), start("n2", tweak), start("n3", tweak));
    }

    /** Waits until each node is ready and sees all the others. */
    public List<TestNode> meshed(TestNode... started) {
        List<TestNode> nodes = List.of(started);
        for (TestNode node : nodes) {
            Stages.join(node.nsp().ready());
        }
        for (TestNode node : nodes) {
            node.awaitPeers("setup", nodes.stream().filter(n -> n != node).toArray(TestNode[]::new));
        }
        return nodes;
    }

    public List<TestNode> startThree() {
        return startThree(UnaryOperator.identity());
    }

    /** A transport of the bus that is connected. */
    public Transport upTransport() {
        Transport transport = transports.get();
        await("setup: a new transport reaches UP").atMost(TckTimeouts.delivery()).pollInterval(Duration.ofMillis(10))
                .until(() -> transport.liveness().state() == LivenessState.UP);
        return transport;
    }

    /** A peer that is no cluster node: it publishes what a test tells it to, under its own uid. */
    public RawPeer rawPeer(String uid) {
        return new RawPeer(upTransport(), channel(), uid);
    }

    /** Listens on this test's channel from a transport of its own. */
    public ChannelTap tap() {
        return new ChannelTap(upTransport(), channel());
    }

    /** A peer that announces itself to {@code nodes} (so requests wait for it) but never answers anything. */
    public RawPeer ghostPeer(List<TestNode> nodes) {
        RawPeer ghost = rawPeer("ghost" + Long.toHexString(System.nanoTime()));
        ghost.send(InitialHeartbeat.INSTANCE);
        for (TestNode node : nodes) {
            await("setup: " + node.name() + " counts the ghost peer").atMost(TckTimeouts.delivery())
                    .until(() -> node.nsp().peers().contains(ghost.uid()));
        }
        return ghost;
    }

    /** An emitter for this test's cluster on a transport of its own. */
    public Emitter emitter() {
        return Emitter.create(upTransport(), channelPrefix, AttachmentPolicy.DEFAULT_PAYLOAD_THRESHOLD);
    }

    /** The transport's connection cutter; the test is skipped (with the reason) when there is none. */
    /** Skips the calling rule, with the reason, when the transport has no blob store. */
    public void requireBlobStore() {
        try (Transport probe = upTransport()) {
            assumeThat(probe.blobStore()).as("this transport declares no blob store (Transport.blobStore() is empty),"
                    + " so no message refers to a stored blob").isPresent();
        }
    }

    public ConnectionCutter requireCutter() {
        Optional<ConnectionCutter> found = cutter.get();
        assumeThat(found).as("this transport's kit offers no ConnectionCutter, so outages cannot be simulated")
                .isPresent();
        return found.get();
    }

    void close() {
        synchronized (nodes) {
            nodes.forEach(ClusterNode::close);
            nodes.clear();
        }
    }

    static void standardSockets(FakeLocalSide local) {
        String n = local.node();
        local.addSocket(n + "-a", "room-a");
        local.addSocket(n + "-b", FakeLocalSide.defaultHandshake(n, n + "-b"),
                Map.of("user", n + "-b", "avatar", new byte[] {1, 2, 3, (byte) 0xff}), "room-b");
        local.addSocket(n + "-ab", "room-a", "room-b");
        local.addSocket(n + "-0");
    }
}
