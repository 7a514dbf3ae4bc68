package io.siocluster.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The stages a caller gets never complete on the transport's publisher thread, so chains may block. */
@DisplayName("stages handed to callers")
class CallerStagesTest {

    private final StubTransport transport = new StubTransport();
    private final ExecutorService publisher = Executors.newSingleThreadExecutor(task -> new Thread(task, "publisher"));
    private ClusterNode node;

    @AfterEach
    void tearDown() {
        node.close();
        transport.close();
        publisher.shutdownNow();
    }

    @Test
    @DisplayName("emit(a).thenRun(() -> emit(b).join()) completes over a transport with one publisher thread")
    void chainedJoinDoesNotDeadlock() throws Exception {
        CountDownLatch firstHeld = new CountDownLatch(1);
        transport.onPublish((channel, payload) -> CompletableFuture.runAsync(() -> {
            if (payload.contains("\"a\"")) {
                await(firstHeld); // the chain below is registered before (a) completes
            }
        }, publisher));
        node = ClusterNode.start(transport, ClusterOptions.builder().discoveryWindow(Duration.ZERO).build());
        ClusterNamespace nsp = node.namespace("/", new RecordingLocalSide());
        AtomicReference<String> chainThread = new AtomicReference<>();

        CompletableFuture<Void> chain = nsp.broadcast(BroadcastPacket.event("a"), BroadcastOptions.ALL)
                .thenRun(() -> {
                    chainThread.set(Thread.currentThread().getName());
                    nsp.broadcast(BroadcastPacket.event("b"), BroadcastOptions.ALL).toCompletableFuture().join();
                }).toCompletableFuture();
        firstHeld.countDown();

        chain.get(10, TimeUnit.SECONDS);
        assertThat(chainThread.get()).startsWith("sio-cluster-").contains("-callbacks-");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
