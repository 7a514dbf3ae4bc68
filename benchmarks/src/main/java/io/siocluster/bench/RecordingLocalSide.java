package io.siocluster.bench;

import io.siocluster.core.cluster.LocalSide;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.SocketDetails;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The receiving side of a benchmark: a node with one socket that records, for each broadcast it receives,
 * how long ago it was sent (the sender puts {@code System.nanoTime()} in the first argument; both nodes run
 * in one JVM). Room changes and requests play no part in the measurement and leave it untouched.
 */
final class RecordingLocalSide implements LocalSide {

    private final ConcurrentLinkedQueue<Long> latenciesNanos = new ConcurrentLinkedQueue<>();
    private final boolean inPlace;

    RecordingLocalSide() {
        this(false);
    }

    /** @param inPlace what {@link #handlesInPlace()} says (recording a latency never blocks) */
    RecordingLocalSide(boolean inPlace) {
        this.inPlace = inPlace;
    }

    @Override
    public boolean handlesInPlace() {
        return inPlace;
    }
    /** One permit per message delivered; the sender takes them back to bound how many are in flight. */
    private final Semaphore delivered = new Semaphore(0);

    @Override
    public int broadcast(BroadcastPacket packet, BroadcastOptions opts) {
        Object sent = packet.args().get(0);
        if (sent instanceof Number sentNanos) {
            latenciesNanos.add(System.nanoTime() - sentNanos.longValue());
            delivered.release();
        }
        return 1;
    }

    /** Waits until {@code count} more messages have been delivered; false on timeout. */
    boolean awaitDeliveries(int count, Duration timeout) throws InterruptedException {
        return delivered.tryAcquire(count, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The latencies recorded so far, and forgets them (and their permits: a later wait counts from here). */
    List<Long> drain() {
        List<Long> all = List.copyOf(latenciesNanos);
        latenciesNanos.clear();
        delivered.drainPermits();
        return all;
    }

    @Override
    public int broadcastWithAck(BroadcastPacket packet, BroadcastOptions opts, Duration timeout,
            Consumer<@Nullable Object> onAck) {
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
    }
}
