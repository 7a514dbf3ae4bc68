package io.siocluster.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterStats.DropReason;
import io.siocluster.core.codec.AttachmentPolicy;
import io.siocluster.core.codec.DecodeLimits;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.FetchSockets;
import io.siocluster.core.protocol.FetchSocketsResponse;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.core.wire.WireFormat;
import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.inmemory.InMemoryTransport;
import io.siocluster.spi.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Three nodes speaking {@link WireFormat#REDIS_STREAMS} over in-memory transports that offer pub/sub: requests and
 * responses travel as Node's redis-streams adapter sends them, and servers are counted as it counts them.
 */
@DisplayName("requests over pub/sub (REDIS_STREAMS with a pub/sub facet)")
class RequestsOverPubSubTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PREFIX = "sio";
    private static final ProtocolCodec CODEC = ProtocolCodec.create(new AttachmentPolicy(Integer.MAX_VALUE), DecodeLimits.DEFAULT);

    private final InMemoryBus bus = InMemoryBus.create();
    private final List<Transport> transports = new ArrayList<>();
    private final List<ClusterNode> nodes = new ArrayList<>();
    private final List<RecordingLocalSide> sides = new ArrayList<>();
    private final List<ClusterNamespace> namespaces = new ArrayList<>();

    @BeforeEach
    void start() {
        ClusterOptions options = ClusterOptions.builder().channelPrefix(PREFIX).wireFormat(WireFormat.REDIS_STREAMS)
                .discoveryWindow(Duration.ofMillis(50)).requestsTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < 3; i++) {
            Transport transport = bus.newTransport();
            transports.add(transport);
            ClusterNode node = ClusterNode.start(transport, options);
            nodes.add(node);
            RecordingLocalSide side = new RecordingLocalSide();
            sides.add(side);
            ClusterNamespace namespace = node.namespace("/", side);
            namespaces.add(namespace);
            namespace.ready().toCompletableFuture().join();
        }
    }

    @AfterEach
    void stop() {
        nodes.forEach(ClusterNode::close);
        transports.forEach(Transport::close);
    }

    @Test
    @DisplayName("serverCount is the public channel's subscribers: 3 on each node, and 2 once one node has left")
    void serverCount() {
        for (ClusterNamespace namespace : namespaces) {
            assertThat(join(namespace.serverCount())).isEqualTo(3);
        }
        nodes.get(2).close();

        await().atMost(WAIT).until(() -> join(namespaces.get(0).serverCount()) == 2);
    }

    @Test
    @DisplayName("fetchSockets and serverSideEmitWithAck gather one answer from each other node")
    void requestsAreAnswered() {
        List<SocketDetails> sockets = join(namespaces.get(0).fetchSockets(BroadcastOptions.ALL));
        CompletableFuture<List<@Nullable Object>> answers = namespaces.get(0)
                .serverSideEmitWithAck(List.of("question"), WAIT).toCompletableFuture();
        for (int i = 1; i < 3; i++) {
            RecordingLocalSide side = sides.get(i);
            String name = "node-" + i;
            await().atMost(WAIT).until(() -> !side.serverSideAcks.isEmpty());
            side.serverSideAcks.poll().accept(name);
        }

        assertThat(sockets).extracting(SocketDetails::id).containsExactly("s1", "s1", "s1");
        assertThat(join(answers)).containsExactlyInAnyOrder("node-1", "node-2");
        assertThat(sides.get(0).serverSideAcks).as("a node does not answer its own request").isEmpty();
    }

    @Test
    @DisplayName("a request goes as unnumbered msgpack on <prefix>#<nsp>#, its answers on the requester's <prefix>#<nsp>#<uid>#, not on the stream")
    void channels() {
        String requester = namespaces.get(0).uid();
        InMemoryTransport tap = bus.newTransport();
        transports.add(tap);
        Queue<byte[]> responses = new ConcurrentLinkedQueue<>();
        Queue<Map<String, String>> stream = new ConcurrentLinkedQueue<>();
        join(tap.messaging().pubSub().orElseThrow().subscribe(PREFIX + "#/#" + requester + "#",
                (channel, payload) -> responses.add(payload)).ready());
        join(tap.messaging().fields().orElseThrow().subscribe(PREFIX, (name, entry) -> stream.add(entry)).ready());

        join(namespaces.get(0).fetchSockets(BroadcastOptions.ALL));
        namespaces.get(0).broadcast(BroadcastPacket.event("marker"), BroadcastOptions.ALL);

        await().atMost(WAIT).until(() -> stream.stream().anyMatch(entry -> entry.getOrDefault("data", "").contains("marker")));
        assertThat(responses).hasSize(2);
        for (byte[] payload : responses) {
            Envelope response = decode(payload);
            assertThat(response.message()).isInstanceOf(FetchSocketsResponse.class);
            assertThat(response.seq()).isEqualTo(Envelope.UNNUMBERED);
        }
        assertThat(stream).as("the stream carries the broadcast, no request or response")
                .map(entry -> entry.get("type")).containsOnly("3");
    }

    @Test
    @DisplayName("a subscriber that never answers is waited for, as Node waits: the request times out with the answers that came")
    void silentSubscriber() {
        InMemoryTransport silent = bus.newTransport();
        transports.add(silent);
        Queue<byte[]> requests = new ConcurrentLinkedQueue<>();
        join(silent.messaging().pubSub().orElseThrow().subscribe(PREFIX + "#/#", (channel, payload) -> requests.add(payload))
                .ready());
        assertThat(join(namespaces.get(1).serverCount())).isEqualTo(4);

        CompletableFuture<List<SocketDetails>> fetch = namespaces.get(1).fetchSockets(
                BroadcastOptions.ALL.withFlags(BroadcastOptions.ALL.flags().toBuilder().timeoutMillis(300L).build()))
                .toCompletableFuture();

        await().atMost(WAIT).until(fetch::isDone);
        assertThat(fetch).isCompletedExceptionally();
        Throwable failure = fetch.handle((ok, e) -> e instanceof CompletionException ? e.getCause() : e).join();
        assertThat(failure).isInstanceOf(ClusterTimeoutException.class);
        assertThat(requests).singleElement().satisfies(payload -> {
            Envelope request = decode(payload);
            assertThat(request.message()).isInstanceOf(FetchSockets.class);
            assertThat(request.uid()).isEqualTo(namespaces.get(1).uid());
            assertThat(request.seq()).isEqualTo(Envelope.UNNUMBERED);
        });
    }

    @Test
    @DisplayName("requests leave no gap in the stream's numbers: nothing is counted as missed")
    void noGaps() {
        for (int round = 0; round < 3; round++) {
            for (ClusterNamespace namespace : namespaces) {
                join(namespace.fetchSockets(BroadcastOptions.ALL));
                namespace.broadcast(BroadcastPacket.event("after-request"), BroadcastOptions.ALL);
            }
        }

        await().atMost(WAIT).until(() -> sides.stream().allMatch(side -> side.broadcasts.size() >= 9));
        for (ClusterNode node : nodes) {
            assertThat(node.stats().drops(DropReason.MISSED)).isZero();
            assertThat(node.stats().drops(DropReason.DUPLICATE)).isZero();
        }
    }

    @Test
    @DisplayName("a namespace whose name reads like another's private channel (/#x#) still travels on the stream, and both namespaces work")
    void namespaceNamedLikeAPrivateChannel() {
        String tricky = "/#x#"; // its channel sio#/#x# has the shape of namespace "/"'s private channel of uid "x"
        InMemoryTransport tap = bus.newTransport();
        transports.add(tap);
        Queue<Map<String, String>> stream = new ConcurrentLinkedQueue<>();
        join(tap.messaging().fields().orElseThrow().subscribe(PREFIX, (name, entry) -> stream.add(entry)).ready());
        List<RecordingLocalSide> trickySides = new ArrayList<>();
        List<ClusterNamespace> trickyNamespaces = new ArrayList<>();
        for (ClusterNode node : nodes) {
            RecordingLocalSide side = new RecordingLocalSide();
            trickySides.add(side);
            ClusterNamespace namespace = node.namespace(tricky, side);
            trickyNamespaces.add(namespace);
            join(namespace.ready());
        }

        trickyNamespaces.get(0).broadcast(BroadcastPacket.event("tricky"), BroadcastOptions.ALL);

        await().atMost(WAIT).until(() -> trickySides.get(1).broadcasts.size() == 1 && trickySides.get(2).broadcasts.size() == 1);
        assertThat(stream).as("the broadcast is an entry of the stream with its namespace")
                .anySatisfy(entry -> assertThat(entry).containsEntry("nsp", tricky).containsEntry("type", "3"));
        assertThat(join(trickyNamespaces.get(1).serverCount())).isEqualTo(3);
        assertThat(join(trickyNamespaces.get(0).fetchSockets(BroadcastOptions.ALL))).hasSize(3);
        assertThat(join(namespaces.get(0).fetchSockets(BroadcastOptions.ALL))).hasSize(3);
        assertThat(sides.get(1).broadcasts).as("namespace / got nothing of /#x#").isEmpty();
    }

    @Test
    @DisplayName("a server that leaves before it answers is no longer waited for: the request completes with the other answers, long before its timeout")
    void leaverIsNotAwaited() {
        CompletableFuture<List<@Nullable Object>> answers = namespaces.get(0)
                .serverSideEmitWithAck(List.of("question"), Duration.ofSeconds(30)).toCompletableFuture();
        await().atMost(WAIT).until(() -> !sides.get(1).serverSideAcks.isEmpty() && !sides.get(2).serverSideAcks.isEmpty());
        sides.get(1).serverSideAcks.poll().accept("node-1");

        nodes.get(2).close(); // says ADAPTER_CLOSE without answering

        await().atMost(WAIT).until(answers::isDone);
        assertThat(join(answers)).containsExactly("node-1");
    }

    private static Envelope decode(byte[] payload) {
        try {
            return CODEC.decodeAttachment(payload, "/");
        } catch (Exception e) {
            throw new AssertionError("not a msgpack message: " + e, e);
        }
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
