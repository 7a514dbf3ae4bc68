package io.siocluster.netty.internal;

import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The broadcasts encoded last by any event loop of one encoder, as bytes, so that the other loops copy them
 * instead of running Jackson again. {@link SharedFrame} shares an encoding between the clients of one loop; a
 * broadcast's clients are spread over all the loops (netty gives each connection the next loop), so without this
 * every loop encoded every broadcast (JFR: Jackson's {@code writeValue} 8-9 % of the samples with two clients
 * per server). Copying some hundred bytes costs far less than one encoding.
 *
 * <p>The key is {@link SharedFrame}'s (the packet's data list by identity, the other fields the encoding reads).
 * The last {@value #SLOTS} encodings are kept, because broadcasts from several senders and from the other nodes
 * interleave in every loop's queue (with 8 slots the loops' own re-encodings pushed an entry out before the other
 * loops came to it: 12 % hits, against 65 % with 32, java-redis 2x20), each for {@link #SHARE_NANOS}: longer than
 * a loop's own window, because the loops of a busy server reach a broadcast's clients milliseconds apart.
 * netty-socketio makes a new data list for every send, so the window only bounds how long memory is held. The
 * held bytes are immutable and published through an atomic array, so loops read them without a lock; nothing
 * here holds a reference-counted buffer.
 */
final class LastEncoding {

    /** How many recent encodings are kept. */
    static final int SLOTS = 32;
    /** How long an encoding is lent to the other loops. */
    static final long SHARE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final LongSupplier nanoClock;
    private final AtomicReferenceArray<@Nullable Entry> recent = new AtomicReferenceArray<>(SLOTS);
    private final AtomicInteger next = new AtomicInteger();

    LastEncoding(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    private record Entry(List<?> data, @Nullable String name, @Nullable String nsp, @Nullable Long ackId,
            @Nullable PacketType subType, long at, byte[] text, List<byte[]> attachments) {
    }

    /** A copy of the packet's encoding when another loop encoded it within the sharing window, else null. */
    @Nullable Encoded copyOf(Packet packet, PacketEncoder packets, ByteBufAllocator alloc) {
        List<?> data = packet.getData();
        for (int i = 0; i < SLOTS; i++) {
            Entry held = recent.get(i);
            if (held != null && data == held.data() && nanoClock.getAsLong() - held.at() < SHARE_NANOS
                    && packet.getSubType() == held.subType() && Objects.equals(packet.getName(), held.name())
                    && Objects.equals(packet.getNsp(), held.nsp()) && Objects.equals(packet.getAckId(), held.ackId())) {
                ByteBuf text = packets.allocateBuffer(alloc); // direct or heap as the server prefers
                text.writeBytes(held.text());
                return new Encoded(text, held.attachments());
            }
        }
        return null;
    }

    /** Offers the packet's fresh encoding (which the caller keeps) to the other loops. */
    void publish(Packet packet, Encoded encoded) {
        List<?> data = packet.getData();
        if (data != null) {
            ByteBuf text = encoded.text();
            Entry entry = new Entry(data, packet.getName(), packet.getNsp(), packet.getAckId(), packet.getSubType(),
                    nanoClock.getAsLong(), ByteBufUtil.getBytes(text, text.readerIndex(), text.readableBytes()),
                    encoded.attachments());
            recent.set(Math.floorMod(next.getAndIncrement(), SLOTS), entry);
        }
    }
}
