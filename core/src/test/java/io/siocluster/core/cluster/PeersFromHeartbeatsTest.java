package io.siocluster.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterStats.DropReason;
import io.siocluster.core.cluster.internal.Membership;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.ClusterMessage;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.Heartbeat;
import io.siocluster.core.protocol.SocketDetails;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Anyone who can write to the bus can forge sender ids: only heartbeats make a peer, and only up to a bound,
 * so forged ids neither grow memory nor make requests wait.
 */
@DisplayName("peers come only from heartbeats")
class PeersFromHeartbeatsTest {

    private static final String CHANNEL = "socket.io#/";

    private final ProtocolCodec codec = ProtocolCodec.createDefault();
    private final StubTransport transport = new StubTransport();
    private final RecordingLocalSide local = new RecordingLocalSide();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private ClusterNode node;
    private ClusterNamespace nsp;

    @BeforeEach
    void start() throws Exception {
        transport.onPublish((channel, payload) -> {
            published.add(payload);
            return CompletableFuture.completedFuture(null);
        });
        node = ClusterNode.start(transport, ClusterOptions.builder().discoveryWindow(Duration.ZERO).build());
        nsp = node.namespace("/", local);
        nsp.ready().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        node.close();
        transport.close();
    }

    @Test
    @DisplayName("a sender that never sent a heartbeat is no peer, and requests do not wait for it")
    void noPeerWithoutHeartbeat() throws Exception {
        from("forged", Broadcast.of(BroadcastPacket.event("e"), BroadcastOptions.ALL));
        await().atMost(Duration.ofSeconds(5)).until(() -> local.broadcasts.size() == 1);

        assertThat(nsp.peers()).isEmpty();
        List<SocketDetails> sockets = nsp.fetchSockets(BroadcastOptions.ALL).toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertThat(sockets).extracting(SocketDetails::id).containsExactly("s1");
    }

    @Test
    @DisplayName("a heartbeat makes a peer, and its other messages then keep it alive")
    void heartbeatMakesPeer() {
        from("peer1", Heartbeat.INSTANCE);
        from("peer1", Broadcast.of(BroadcastPacket.event("e"), BroadcastOptions.ALL));
        await().atMost(Duration.ofSeconds(5)).until(() -> local.broadcasts.size() == 1);
        assertThat(nsp.peers()).containsExactly("peer1");
    }

    @Test
    @DisplayName("heartbeats from more uids than the bound track only the bound, the rest counted")
    void boundedPeers() {
        int extra = 100;
        for (int i = 0; i < Membership.DEFAULT_MAX_PEERS + extra; i++) {
            from("forged" + i, Heartbeat.INSTANCE);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> node.stats().drops(DropReason.PEER_LIMIT) == extra);
        assertThat(nsp.peers()).hasSize(Membership.DEFAULT_MAX_PEERS);
    }

    @Test
    @DisplayName("messages from unknown senders ask the cluster who is there at most once per heartbeatInterval")
    void askForPeersRarely() {
        for (int i = 0; i < 500; i++) {
            from("unknown" + i, Broadcast.of(BroadcastPacket.event("e"), BroadcastOptions.ALL));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> local.broadcasts.size() == 500);
        // the announcement when the namespace opened, and none more within the first heartbeatInterval
        assertThat(published).filteredOn(payload -> payload.contains("\"type\":1,")).hasSize(1);
    }

    private void from(String uid, ClusterMessage message) {
        transport.deliver(CHANNEL, codec.encodeJson(new Envelope(uid, "/", message)));
    }
}
