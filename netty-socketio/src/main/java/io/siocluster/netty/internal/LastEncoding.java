package io.siocluster.netty.internal;

import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The broadcast encoded last by any event loop of one encoder, as bytes, so that the other loops copy it instead
 * of running Jackson again. {@link SharedFrame} shares an encoding between the clients of one loop; a broadcast's
 * clients are spread over all the loops (netty gives each connection the next loop), so without this every loop
 * encoded every broadcast (JFR: Jackson's {@code writeValue} 8-9 % of the samples with two clients per server).
 * Copying some hundred bytes costs far less than one encoding.
 *
 * <p>The key is {@link SharedFrame}'s (the packet's data list by identity, the other fields the encoding reads)
 * and the same age limit, {@link SharedFrame#SHARE_NANOS}. The held bytes are immutable and published through a
 * volatile field, so loops read them without a lock; nothing here holds a reference-counted buffer.
 */
final class LastEncoding {

    private final LongSupplier nanoClock;
    private volatile @Nullable Entry last;

    LastEncoding(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    private record Entry(List<?> data, @Nullable String name, @Nullable String nsp, @Nullable Long ackId,
            @Nullable PacketType subType, long at, byte[] text, List<byte[]> attachments) {
    }

    /** A copy of the packet's encoding when another loop encoded it within the sharing window, else null. */
    @Nullable Encoded copyOf(Packet packet, PacketEncoder packets, ByteBufAllocator alloc) {
        Entry held = last;
        if (held == null || packet.getData() != held.data() || nanoClock.getAsLong() - held.at() >= SharedFrame.SHARE_NANOS
                || packet.getSubType() != held.subType() || !Objects.equals(packet.getName(), held.name())
                || !Objects.equals(packet.getNsp(), held.nsp()) || !Objects.equals(packet.getAckId(), held.ackId())) {
            return null;
        }
        ByteBuf text = packets.allocateBuffer(alloc); // direct or heap as the server prefers
        text.writeBytes(held.text());
        return new Encoded(text, held.attachments());
    }

    /** Offers the packet's fresh encoding (which the caller keeps) to the other loops. */
    void publish(Packet packet, Encoded encoded) {
        List<?> data = packet.getData();
        if (data != null) {
            ByteBuf text = encoded.text();
            last = new Entry(data, packet.getName(), packet.getNsp(), packet.getAckId(), packet.getSubType(),
                    nanoClock.getAsLong(), ByteBufUtil.getBytes(text, text.readerIndex(), text.readableBytes()),
                    encoded.attachments());
        }
    }
}
