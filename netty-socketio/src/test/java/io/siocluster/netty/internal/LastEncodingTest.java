package io.siocluster.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LastEncoding lends one loop's encoding of a broadcast to the other loops, briefly and for that packet only")
class LastEncodingTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final LastEncoding last = new LastEncoding(now::get);
    private final PacketEncoder packets = new PacketEncoder(new Configuration(), new JacksonJsonSupport());
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

    private static Packet event(List<Object> data, Long ackId) {
        Packet packet = new Packet(PacketType.MESSAGE, EngineIOVersion.V4);
        packet.setSubType(PacketType.EVENT);
        packet.setName("news");
        packet.setData(data);
        packet.setAckId(ackId);
        return packet;
    }

    private String copy(Packet packet) {
        Encoded copy = last.copyOf(packet, packets, alloc);
        if (copy == null) {
            return null;
        }
        try {
            return copy.text().toString(StandardCharsets.UTF_8);
        } finally {
            copy.text().release();
        }
    }

    @Test
    void sharesTheSamePacketWithinTheWindowOnly() {
        List<Object> data = new ArrayList<>(List.of("hello"));
        Packet packet = event(data, null);
        assertThat(copy(packet)).as("nothing published yet").isNull();
        last.publish(packet, new Encoded(Unpooled.copiedBuffer("42[\"news\",\"hello\"]", StandardCharsets.UTF_8), List.of()));
        assertThat(copy(packet)).isEqualTo("42[\"news\",\"hello\"]");
        assertThat(copy(event(data, null))).as("another packet with the same data list").isEqualTo("42[\"news\",\"hello\"]");
        assertThat(copy(event(new ArrayList<>(data), null))).as("an equal but different list").isNull();
        assertThat(copy(event(data, 3L))).as("another ack id").isNull();
        now.addAndGet(LastEncoding.SHARE_NANOS);
        assertThat(copy(packet)).as("older than the window").isNull();
    }

    @Test
    void keepsTheLastFewBroadcasts() {
        List<Packet> sent = new ArrayList<>();
        for (int i = 0; i <= LastEncoding.SLOTS; i++) {
            Packet packet = event(new ArrayList<>(List.of("m" + i)), null);
            sent.add(packet);
            last.publish(packet, new Encoded(Unpooled.copiedBuffer("42[\"news\",\"m" + i + "\"]", StandardCharsets.UTF_8),
                    List.of()));
        }
        assertThat(copy(sent.get(0))).as("pushed out by the later ones").isNull();
        assertThat(copy(sent.get(1))).isEqualTo("42[\"news\",\"m1\"]");
        assertThat(copy(sent.get(LastEncoding.SLOTS))).isEqualTo("42[\"news\",\"m" + LastEncoding.SLOTS + "\"]");
    }
}
