package io.siocluster.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.Heartbeat;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.spi.error.NonTransientTransportException;
import io.siocluster.spi.error.TransportUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A request whose message never reaches the bus must not wait for answers that cannot come: when the
 * transport went down during the publish it counts no peer (local-only), and when the publish failed
 * otherwise it fails with that error, both at once rather than after requestsTimeout.
 */
@DisplayName("requests whose publish fails")
class RequestPublishFailureTest {

    private static final String CHANNEL = "socket.io#/";
    private static final Duration PROMPTLY = Duration.ofSeconds(2); // requestsTimeout is 5 s

    private final ProtocolCodec codec = ProtocolCodec.createDefault();
    private final StubTransport transport = new StubTransport();
    private ClusterNode node;
    private ClusterNamespace nsp;

    @BeforeEach
    void startWithOnePeer() throws Exception {
        // a peer answers the announcement, as a running node would
        transport.onPublish((channel, payload) -> {
            if (payload.contains("\"type\":1,")) {
                transport.deliver(CHANNEL, codec.encodeJson(new Envelope("peer1", "/", Heartbeat.INSTANCE)));
            }
            return CompletableFuture.completedFuture(null);
        });
        node = ClusterNode.start(transport, ClusterOptions.builder().discoveryWindow(Duration.ofMillis(50)).build());
        nsp = node.namespace("/", new OneSocket());
        nsp.ready().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(nsp.peers()).containsExactly("peer1");
    }

    @AfterEach
    void close() {
        node.close();
        transport.close();
    }

    @Test
    @DisplayName("when the transport goes down during the publish, requests complete at once with what this node has")
    void localOnlyWhenDownDuringPublish() throws Exception {
        transport.onPublish((channel, payload) -> {
            if (!payload.contains("requestId")) {
                return CompletableFuture.completedFuture(null);
            }
            transport.liveness.disconnected();
            return CompletableFuture.failedFuture(new TransportUnavailableException("connection lost"));
        });

        assertThat(value(nsp.fetchSockets(BroadcastOptions.ALL))).extracting(SocketDetails::id).containsExactly("s1");
        transport.liveness.connected();
        assertThat(value(nsp.serverSideEmitWithAck(List.of("q"), Duration.ofSeconds(5)))).isEmpty();
        transport.liveness.connected();
        assertThat(value(nsp.broadcastWithAck(BroadcastPacket.event("e"), BroadcastOptions.ALL, Duration.ofSeconds(5))))
                .containsExactly("ack:s1");
    }

    @Test
    @DisplayName("when the publish fails while the transport is up, requests fail at once with the publish's error")
    void failWithPublishError() {
        transport.onPublish((channel, payload) -> payload.contains("requestId")
                ? CompletableFuture.failedFuture(new NonTransientTransportException("permission denied"))
                : CompletableFuture.completedFuture(null));

        assertThat(failure(nsp.fetchSockets(BroadcastOptions.ALL))).isInstanceOf(NonTransientTransportException.class);
        assertThat(failure(nsp.serverSideEmitWithAck(List.of("q"), Duration.ofSeconds(5))))
                .isInstanceOf(NonTransientTransportException.class);
        assertThat(failure(nsp.broadcastWithAck(BroadcastPacket.event("e"), BroadcastOptions.ALL, Duration.ofSeconds(5))))
                .isInstanceOf(NonTransientTransportException.class);
    }

    private static <T> T value(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Throwable failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("the request neither failed nor completed promptly", e);
        }
        throw new AssertionError("the request succeeded but must fail");
    }

    /** One socket, s1, which acknowledges at once. */
    private static final class OneSocket implements LocalSide {
        @Override
        public int broadcast(BroadcastPacket packet, BroadcastOptions opts) {
            return 1;
        }

        @Override
        public int broadcastWithAck(BroadcastPacket packet, BroadcastOptions opts, Duration timeout,
                Consumer<@Nullable Object> onAck) {
            onAck.accept("ack:s1");
            return 1;
        }

        @Override
        public void addSockets(BroadcastOptions opts, List<String> rooms) {
        }

        @Override
        public void delSockets(BroadcastOptions opts, List<String> rooms) {
        }

        @Override
        public void disconnectSockets(BroadcastOptions opts, boolean close) {
        }

        @Override
        public List<SocketDetails> fetchSockets(BroadcastOptions opts) {
            return List.of(new SocketDetails("s1", Map.of(), List.of("s1"), null));
        }

        @Override
        public void serverSideEmit(List<@Nullable Object> packet, @Nullable Consumer<@Nullable Object> ack) {
        }
    }
}
