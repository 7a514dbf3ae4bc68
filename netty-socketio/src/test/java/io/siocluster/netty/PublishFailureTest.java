package io.siocluster.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.inmemory.InMemoryTransport;
import io.siocluster.spi.error.NonTransientTransportException;
import io.siocluster.spi.Transport;
import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.spi.messaging.MessageListener;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.messaging.MessagingLimits;
import io.siocluster.spi.messaging.Subscription;
import io.socket.client.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a publish that fails while the transport is up")
class PublishFailureTest {

    private final InMemoryBus bus = InMemoryBus.create();
    private final FailingTransport transport = new FailingTransport(bus.newTransport());
    private SocketIOServer server;
    private Socket client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.stop();
    }

    @Test
    @DisplayName("fails the emit's stage with the transport's error and still reaches this node's sockets")
    void localSocketsStillReceive() {
        Configuration config = TestServers.config();
        SocketIOCluster cluster = SocketIOCluster.attach(config, () -> transport, ClusterOptions.defaults());
        server = new SocketIOServer(config);
        server.start();
        cluster.of("/").ready().toCompletableFuture().join();
        client = TestServers.client(server, "/");
        List<Object> received = new CopyOnWriteArrayList<>();
        client.on("news", args -> received.add(args[0]));
        transport.failBroadcasts = true;
        assertThat(transport.liveness().state()).isEqualTo(LivenessState.UP);

        CompletionStage<Void> emitted = cluster.of("/").emit("news", "via the cluster API");
        server.getBroadcastOperations().sendEvent("news", "via the drop-in");

        assertThat(emitted.toCompletableFuture()).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(NonTransientTransportException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        assertThat(received).containsExactlyInAnyOrder("via the cluster API", "via the drop-in");
        assertThat(transport.refused).as("both broadcasts were offered to the bus and refused").hasSize(2);
    }

    /** An in-memory transport whose BROADCAST publishes fail, as a database refusing a NOTIFY would. */
    private static final class FailingTransport implements Transport {
        private final InMemoryTransport delegate;
        private final List<String> refused = new CopyOnWriteArrayList<>();
        private volatile boolean failBroadcasts;

        FailingTransport(InMemoryTransport delegate) {
            this.delegate = delegate;
        }

        @Override
        public String providerName() {
            return "failing";
        }

        @Override
        public Messaging messaging() {
            Messaging messaging = delegate.messaging();
            return new Messaging() {
                @Override
                public MessagingLimits limits() {
                    return messaging.limits();
                }

                @Override
                public CompletionStage<Void> publish(String channel, String payload) {
                    if (failBroadcasts && payload.contains("\"type\":3")) {
                        refused.add(payload);
                        return CompletableFuture.failedFuture(new NonTransientTransportException("permission denied"));
                    }
                    return messaging.publish(channel, payload);
                }

                @Override
                public Subscription subscribe(String channel, MessageListener listener) {
                    return messaging.subscribe(channel, listener);
                }
            };
        }

        @Override
        public Optional<BlobStore> blobStore() {
            return delegate.blobStore();
        }

        @Override
        public Liveness liveness() {
            return delegate.liveness();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
