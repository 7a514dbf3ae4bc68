package io.siocluster.core.cluster;

import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.SocketDetails;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A server with no sockets that records the broadcasts it is asked to deliver and never answers server-side acks. */
final class NoSockets implements LocalSide {

    final List<BroadcastPacket> broadcasts = new CopyOnWriteArrayList<>();

    @Override
    public int broadcast(BroadcastPacket packet, BroadcastOptions opts) {
        broadcasts.add(packet);
        return 0;
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
        return List.of();
    }

    @Override
    public void serverSideEmit(List<@Nullable Object> packet, @Nullable Consumer<@Nullable Object> ack) {
        // never answers: requests with ack time out
    }
}
