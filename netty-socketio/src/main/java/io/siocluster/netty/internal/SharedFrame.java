package io.siocluster.netty.internal;

import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The event or acknowledgement one event-loop thread encoded last, kept for about a millisecond so that the
 * other clients of the same broadcast on this loop get the same bytes instead of their own Jackson encoding.
 * netty-socketio hands every client of a broadcast a packet with the same data list (the same {@link Packet},
 * or a copy per client made by {@code Packet.withNsp}), so the key is that list's identity plus every other
 * field the encoding reads. Confined to its thread. The release is a timer, not a task at the end of the
 * current one: a broadcast from another thread reaches the loop as one task per client, and a task queued
 * behind the first of them would release the frame before the others ran. Sharing would go wrong only if
 * someone sent a packet, changed its data list in place within that millisecond and sent it again: netty-socketio
 * and this binding make a new list for every send.
 */
final class SharedFrame {

    private static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private @Nullable List<?> data;
    private @Nullable String name;
    private @Nullable String nsp;
    private @Nullable Long ackId;
    private @Nullable PacketType subType;
    private @Nullable Encoded encoded;
    private boolean releaseScheduled;

    /** Whether {@link EngineIo4Encoder} encodes the packet from the fields {@link #holds} compares. */
    static boolean shareable(Packet packet) {
        PacketType sub = packet.getSubType();
        return packet.getType() == PacketType.MESSAGE && packet.getData() != null
                && (sub == PacketType.EVENT || sub == PacketType.BINARY_EVENT
                        || sub == PacketType.ACK || sub == PacketType.BINARY_ACK);
    }

    /** Whether the held encoding is the packet's. */
    boolean holds(Packet packet) {
        return encoded != null && packet.getData() == data && packet.getSubType() == subType
                && Objects.equals(packet.getName(), name) && Objects.equals(packet.getNsp(), nsp)
                && Objects.equals(packet.getAckId(), ackId);
    }

    /** Holds {@code packet}'s encoding (taking ownership of its text) for about a millisecond, on {@code loop}. */
    void hold(Packet packet, Encoded encoding, EventExecutor loop) {
        release();
        data = packet.getData();
        name = packet.getName();
        nsp = packet.getNsp();
        ackId = packet.getAckId();
        subType = packet.getSubType();
        encoded = encoding;
        if (!releaseScheduled) {
            releaseScheduled = true;
            loop.schedule(this::releaseOnTimer, HOLD_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    /** The held encoding, with a retained duplicate of its text that the caller owns and may read. */
    Encoded copy() {
        Encoded held = Objects.requireNonNull(encoded, "nothing held");
        return new Encoded(held.text().retainedDuplicate(), held.attachments());
    }

    private void releaseOnTimer() {
        releaseScheduled = false;
        release();
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
