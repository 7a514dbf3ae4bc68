package io.siocluster.core.cluster;

import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.SocketDetails;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** One socket, s1, that records what reaches it; the application's server-side acks are kept for the test. */
class RecordingLocalSide implements LocalSide {

    final Queue<BroadcastPacket> broadcasts = new ConcurrentLinkedQueue<>();
    final Queue<Consumer<@Nullable Object>> serverSideAcks = new ConcurrentLinkedQueue<>();

    @Override
    public int broadcast(BroadcastPacket packet, BroadcastOptions opts) {
        broadcasts.add(packet);
        return 1;
    }

    @Override
    public int broadcastWithAck(BroadcastPacket packet, BroadcastOptions opts, Duration timeout,
            Consumer<@Nullable Object> onAck) {
        broadcasts.add(packet);
        return 0;
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
        if (ack != null) {
            serverSideAcks.add(ack);
        }
    }
}
