package io.siocluster.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.Heartbeat;
import io.siocluster.core.protocol.ServerSideEmit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Closing is final: nothing goes out after the goodbye, and nothing waits forever for a closed node. */
@DisplayName("closing a node")
class CloseTest {

    private static final String CHANNEL = "socket.io#/";
    private static final String GOODBYE = "\"type\":13";

    private final ProtocolCodec codec = ProtocolCodec.createDefault();
    private final StubTransport transport = new StubTransport();
    private final RecordingLocalSide local = new RecordingLocalSide();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private ClusterNode node;

    @AfterEach
    void tearDown() {
        node.close();
        transport.close();
    }

    @Test
    @DisplayName("an answer the application gives after ADAPTER_CLOSE went out is not sent (peers have forgotten us)")
    void nothingAfterGoodbye() throws Exception {
        CompletableFuture<Void> goodbyeSent = new CompletableFuture<>();
        transport.onPublish((channel, payload) -> {
            published.add(payload);
            return payload.contains(GOODBYE) ? goodbyeSent : CompletableFuture.completedFuture(null);
        });
        node = ClusterNode.start(transport, ClusterOptions.builder().discoveryWindow(Duration.ZERO).build());
        ClusterNamespace nsp = node.namespace("/", local);
        nsp.ready().toCompletableFuture().get(5, TimeUnit.SECONDS);
        from("peer1", Heartbeat.INSTANCE);
        from("peer1", ServerSideEmit.withAck("r1", "question"));
        await().atMost(Duration.ofSeconds(5)).until(() -> local.serverSideAcks.size() == 1);

        Thread closing = new Thread(node::close, "closing");
        closing.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> published.stream().anyMatch(p -> p.contains(GOODBYE)));
        local.serverSideAcks.remove().accept("late answer");

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> afterGoodbye().isEmpty());
        goodbyeSent.complete(null);
        closing.join(5_000);
        assertThat(afterGoodbye()).isEmpty();
    }

    @Test
    @DisplayName("ready(), fetchSockets() and emitWithAck() waiting for discovery fail when the node closes")
    void pendingStagesFailOnClose() {
        transport.onPublish((channel, payload) -> CompletableFuture.completedFuture(null));
        node = ClusterNode.start(transport, ClusterOptions.builder().discoveryWindow(Duration.ofSeconds(30))
                .requestsTimeout(Duration.ofSeconds(30)).build());
        ClusterNamespace nsp = node.namespace("/", local);
        CompletionStage<Void> ready = nsp.ready();
        CompletionStage<?> fetch = nsp.fetchSockets(BroadcastOptions.ALL);
        CompletionStage<?> acks = nsp.broadcastWithAck(BroadcastPacket.event("e"), BroadcastOptions.ALL, Duration.ofSeconds(30));

        node.close();

        for (CompletionStage<?> stage : List.of(ready, fetch, acks)) {
            await().atMost(Duration.ofSeconds(2)).until(() -> stage.toCompletableFuture().isDone());
            assertThat(stage.toCompletableFuture()).isCompletedExceptionally();
        }
    }

    @Test
    @DisplayName("a request started after close fails at once")
    void requestAfterClose() throws Exception {
        transport.onPublish((channel, payload) -> CompletableFuture.completedFuture(null));
        node = ClusterNode.start(transport, ClusterOptions.builder().discoveryWindow(Duration.ZERO).build());
        ClusterNamespace nsp = node.namespace("/", local);
        nsp.ready().toCompletableFuture().get(5, TimeUnit.SECONDS);
        node.close();

        CompletableFuture<?> fetch = nsp.fetchSockets(BroadcastOptions.ALL).toCompletableFuture();
        await().atMost(Duration.ofSeconds(2)).until(fetch::isDone);
        assertThat(fetch).isCompletedExceptionally();
    }

    private List<String> afterGoodbye() {
        int goodbye = -1;
        for (int i = 0; i < published.size(); i++) {
            if (published.get(i).contains(GOODBYE)) {
                goodbye = i;
            }
        }
        return goodbye < 0 ? List.of() : published.subList(goodbye + 1, published.size());
    }

    private void from(String uid, io.siocluster.core.protocol.ClusterMessage message) {
        transport.deliver(CHANNEL, codec.encodeJson(new Envelope(uid, "/", message)));
    }
}
