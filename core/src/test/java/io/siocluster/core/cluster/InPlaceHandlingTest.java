package io.siocluster.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.ClusterMessage;
import io.siocluster.core.protocol.DisconnectSockets;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.ServerSideEmit;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Where a peer's message is handled: on the transport's delivery thread while the node's thread is idle, when the
 * local side allows it; on the node's thread otherwise, and always for serverSideEmit and disconnectSockets
 * (application handlers).
 */
@DisplayName("messages handled in place")
class InPlaceHandlingTest {

    private static final String CHANNEL = "socket.io#/";

    private final ProtocolCodec codec = ProtocolCodec.createDefault();
    private final StubTransport transport = new StubTransport();
    private ClusterNode node;

    @AfterEach
    void tearDown() {
        node.close();
        transport.close();
    }

    @Test
    @DisplayName("a local side that handles in place gets an idle node's broadcasts on the delivering thread, in order")
    void inPlace() {
        ThreadRecordingSide side = start(true);

        List<String> threads = deliverBroadcasts(side, 20);

        assertThat(threads).as("most ran on the delivering thread (a due timer may queue one)")
                .filteredOn(name -> name.equals("bus")).hasSizeGreaterThan(10);
        assertThat(side.broadcasts).extracting(packet -> packet.args().get(0))
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
    }

    @Test
    @DisplayName("by default (handlesInPlace false) every message is handled on the node's thread")
    void byDefaultOnTheNodesThread() {
        ThreadRecordingSide side = start(false);

        List<String> threads = deliverBroadcasts(side, 10);

        assertThat(threads).allMatch(name -> name.startsWith("sio-cluster-"));
    }

    @Test
    @DisplayName("serverSideEmit runs application code: always on the node's thread")
    void serverSideEmitOnTheNodesThread() throws Exception {
        ThreadRecordingSide side = start(true);

        deliverOnBus(i -> new ServerSideEmit(List.of("hello", i), null));

        await().atMost(Duration.ofSeconds(10)).until(() -> side.serverSideThreads.size() == 5);
        assertThat(side.serverSideThreads).allMatch(name -> name.startsWith("sio-cluster-"));
    }

    @Test
    @DisplayName("disconnectSockets may run application code (disconnect listeners): always on the node's thread")
    void disconnectSocketsOnTheNodesThread() throws Exception {
        ThreadRecordingSide side = start(true);

        deliverOnBus(i -> new DisconnectSockets(BroadcastOptions.ALL, false));

        await().atMost(Duration.ofSeconds(10)).until(() -> side.disconnectThreads.size() == 5);
        assertThat(side.disconnectThreads).allMatch(name -> name.startsWith("sio-cluster-"));
    }

    /** Delivers five messages of peer1's from a thread named "bus", back to back. */
    private void deliverOnBus(java.util.function.IntFunction<ClusterMessage> message) throws InterruptedException {
        Thread bus = new Thread(() -> {
            for (int i = 0; i < 5; i++) {
                transport.deliver(CHANNEL, codec.encodeJson(new Envelope("peer1", "/", message.apply(i))));
            }
        }, "bus");
        bus.start();
        bus.join(5_000);
    }

    private ThreadRecordingSide start(boolean inPlace) {
        ThreadRecordingSide side = new ThreadRecordingSide(inPlace);
        node = ClusterNode.start(transport, ClusterOptions.builder().discoveryWindow(Duration.ZERO).build());
        node.namespace("/", side);
        return side;
    }

    /** Delivers broadcasts from a thread named "bus", each once the previous was handled (the node idle). */
    private List<String> deliverBroadcasts(ThreadRecordingSide side, int count) {
        Thread bus = new Thread(() -> {
            for (int i = 0; i < count; i++) {
                transport.deliver(CHANNEL, codec.encodeJson(new Envelope("peer1", "/",
                        Broadcast.of(BroadcastPacket.event("e", i), BroadcastOptions.ALL))));
                int handled = i + 1;
                await().atMost(Duration.ofSeconds(10)).until(() -> side.broadcasts.size() == handled);
            }
        }, "bus");
        bus.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> side.broadcasts.size() == count);
        return List.copyOf(side.threads);
    }

    private static final class ThreadRecordingSide extends RecordingLocalSide {
        final Queue<String> threads = new ConcurrentLinkedQueue<>();
        final Queue<String> serverSideThreads = new ConcurrentLinkedQueue<>();
        final Queue<String> disconnectThreads = new ConcurrentLinkedQueue<>();
        private final boolean inPlace;

        ThreadRecordingSide(boolean inPlace) {
            this.inPlace = inPlace;
        }

        @Override
        public boolean handlesInPlace() {
            return inPlace;
        }

        @Override
        public int broadcast(BroadcastPacket packet, BroadcastOptions opts) {
            threads.add(Thread.currentThread().getName());
            return super.broadcast(packet, opts);
        }

        @Override
        public void serverSideEmit(List<@Nullable Object> packet, @Nullable Consumer<@Nullable Object> ack) {
            serverSideThreads.add(Thread.currentThread().getName());
            super.serverSideEmit(packet, ack);
        }

        @Override
        public void disconnectSockets(BroadcastOptions opts, boolean close) {
            disconnectThreads.add(Thread.currentThread().getName());
            super.disconnectSockets(opts, close);
        }
    }
}
