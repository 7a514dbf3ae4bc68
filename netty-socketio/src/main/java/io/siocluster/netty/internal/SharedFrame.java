package io.siocluster.netty.internal;

import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The event or acknowledgement one event-loop thread encoded last, shared for about a millisecond so that the
 * other clients of the same broadcast on this loop get the same bytes instead of their own Jackson encoding.
 * netty-socketio hands every client of a broadcast a packet with the same data list (the same {@link Packet},
 * or a copy per client made by {@code Packet.withNsp}), so the key is that list's identity plus every other
 * field the encoding reads, and the encoding's age: older than {@link #SHARE_NANOS} it is not shared again.
 * Confined to its thread. Sharing would go wrong only if someone sent a packet, changed its data list in place
 * within that millisecond and sent it again: netty-socketio and this binding make a new list for every send.
 *
 * <p>The held bytes are released when the next broadcast replaces them, or by a timer at most
 * {@link #RELEASE_NANOS} later. The timer is coarse on purpose: a release timer per broadcast woke every event
 * loop a second time for each message at low rates (one extra wake-up and {@code epoll_wait} per loop per
 * broadcast), while the age check alone keeps the sharing window at a millisecond. A release task at the end of
 * the current turn would not do either: a broadcast from another thread reaches the loop as one task per
 * client, and a task queued behind the first of them would release the frame before the others ran.
 */
final class SharedFrame {

    /** How long an encoding is shared: the clients of one broadcast on one loop are written well within it. */
    static final long SHARE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long at most an encoding no longer shared may stay held (memory only; see the class comment). */
    static final long RELEASE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier nanoClock;
    private long heldAt;

    private @Nullable List<?> data;
    private @Nullable String name;
    private @Nullable String nsp;
    private @Nullable Long ackId;
    private @Nullable PacketType subType;
    private @Nullable Encoded encoded;
    private boolean releaseScheduled;

    /** @param nanoClock {@link System#nanoTime()}, or a test's clock */
    SharedFrame(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Whether {@link EngineIo4Encoder} encodes the packet from the fields {@link #holds} compares. */
    static boolean shareable(Packet packet) {
        PacketType sub = packet.getSubType();
        return packet.getType() == PacketType.MESSAGE && packet.getData() != null
                && (sub == PacketType.EVENT || sub == PacketType.BINARY_EVENT
                        || sub == PacketType.ACK || sub == PacketType.BINARY_ACK);
    }

    /** Whether the held encoding is the packet's, and still young enough to be shared. */
    boolean holds(Packet packet) {
        return encoded != null && nanoClock.getAsLong() - heldAt < SHARE_NANOS && packet.getData() == data
                && packet.getSubType() == subType && Objects.equals(packet.getName(), name) && Objects.equals(packet.getNsp(), nsp)
                && Objects.equals(packet.getAckId(), ackId);
    }

    /** Holds {@code packet}'s encoding (taking ownership of its text), shared for a millisecond, on {@code loop}. */
    void hold(Packet packet, Encoded encoding, EventExecutor loop) {
        release();
        heldAt = nanoClock.getAsLong();
        data = packet.getData();
        name = packet.getName();
        nsp = packet.getNsp();
        ackId = packet.getAckId();
        subType = packet.getSubType();
        encoded = encoding;
        if (!releaseScheduled) {
            releaseScheduled = true;
            loop.schedule(() -> releaseOnTimer(loop), RELEASE_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    /** The held encoding, with a retained duplicate of its text that the caller owns and may read. */
    Encoded copy() {
        Encoded held = Objects.requireNonNull(encoded, "nothing held");
        return new Encoded(held.text().retainedDuplicate(), held.attachments());
    }

    private void releaseOnTimer(EventExecutor loop) {
        releaseScheduled = false;
        if (encoded != null && nanoClock.getAsLong() - heldAt < SHARE_NANOS) {
            releaseScheduled = true; // just replaced: look again later
            loop.schedule(() -> releaseOnTimer(loop), RELEASE_NANOS, TimeUnit.NANOSECONDS);
        } else {
            release();
        }
    }

    private void release() {
        if (encoded != null) {
            encoded.text().release();
        }
        encoded = null;
        data = null;
        name = null;
        nsp = null;
        ackId = null;
        subType = null;
    }
}
