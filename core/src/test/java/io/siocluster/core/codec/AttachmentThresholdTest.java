package io.siocluster.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastAck;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.ClusterMessage;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.FetchSocketsResponse;
import io.siocluster.core.protocol.MessageType;
import io.siocluster.core.protocol.ServerSideEmit;
import io.siocluster.core.protocol.ServerSideEmitResponse;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.core.protocol.SocketsJoin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("inline or attachment")
class AttachmentThresholdTest {

    private final ProtocolCodec codec = ProtocolCodec.createDefault();

    /** A broadcast whose JSON is exactly {@code bytes} UTF-8 bytes, mostly three-byte characters. */
    private Envelope broadcastOfJsonBytes(int bytes) {
        String euros = "\u20ac".repeat(2000); // 6000 bytes in 2000 chars
        int base = utf8(codec.encodeJson(envelope(Broadcast.of(BroadcastPacket.event("t", euros), BroadcastOptions.ALL))));
        Envelope envelope = envelope(Broadcast.of(BroadcastPacket.event("t", euros + "a".repeat(bytes - base)),
                BroadcastOptions.ALL));
        assertThat(utf8(codec.encodeJson(envelope))).isEqualTo(bytes);
        return envelope;
    }

    private static Envelope envelope(ClusterMessage message) {
        return new Envelope("0123456789abcdef", "/", message);
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    @DisplayName("7999 UTF-8 bytes of JSON go inline, 8000 go as an attachment, counted in bytes not chars")
    void boundary() {
        OutboundMessage at7999 = codec.encode(broadcastOfJsonBytes(7999));
        assertThat(at7999).isInstanceOfSatisfying(InlinePayload.class, p -> {
            assertThat(utf8(p.json())).isEqualTo(7999);
            assertThat(p.json().length()).isEqualTo(7999 - 4000);
        });
        assertThat(codec.encode(broadcastOfJsonBytes(8000))).isInstanceOfSatisfying(AttachmentPayload.class,
                p -> assertThat(p.reason()).isEqualTo(AttachmentReason.SIZE));
    }

    @Test
    @DisplayName("the threshold is configurable, and compared with >=")
    void configurable() {
        ProtocolCodec small = ProtocolCodec.create(new AttachmentPolicy(100), DecodeLimits.DEFAULT);
        Envelope heartbeat = envelope(io.siocluster.core.protocol.Heartbeat.INSTANCE); // 45 bytes
        assertThat(small.encode(heartbeat)).isInstanceOf(InlinePayload.class);
        assertThat(new AttachmentPolicy(45).tooLargeForInline(45)).isTrue();
        assertThat(new AttachmentPolicy(46).tooLargeForInline(45)).isFalse();
        assertThatThrownBy(() -> new AttachmentPolicy(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the size rule applies to every type, as in Node: a big SOCKETS_JOIN goes as an attachment")
    void sizeAnyType() {
        List<String> rooms = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "room-" + i).toList();
        assertThat(codec.encode(envelope(new SocketsJoin(BroadcastOptions.ALL, rooms))))
                .isInstanceOfSatisfying(AttachmentPayload.class, p -> assertThat(p.reason()).isEqualTo(AttachmentReason.SIZE));
    }

    @Test
    @DisplayName("binary anywhere, at any depth and in any type that can hold it, means an attachment")
    void binaryAnywhere() {
        byte[] b = {1, 2, 3};
        List<ClusterMessage> messages = List.of(
                Broadcast.of(BroadcastPacket.event("e", b), BroadcastOptions.ALL),
                Broadcast.of(BroadcastPacket.event("e", Map.of("a", List.of(List.of(Map.of("b", b))))), BroadcastOptions.ALL),
                ServerSideEmit.of("e", List.of(b)),
                new ServerSideEmitResponse("r", b),
                new BroadcastAck("r", Map.of("file", b)),
                new FetchSocketsResponse("r", List.of(new SocketDetails("s", Map.of(), List.of(), Map.of("avatar", b)))));
        for (ClusterMessage message : messages) {
            OutboundMessage out = codec.encode(envelope(message));
            assertThat(out).as(message.type().toString()).isInstanceOfSatisfying(AttachmentPayload.class, p -> {
                assertThat(p.reason()).isEqualTo(AttachmentReason.BINARY);
                assertThat(p.header("7")).isEqualTo(new AttachmentHeader("0123456789abcdef", message.type(), "7", "/"));
            });
        }
        assertThat(codec.encode(envelope(Broadcast.of(BroadcastPacket.event("e", "no binary"), BroadcastOptions.ALL))))
                .isInstanceOf(InlinePayload.class);
        assertThat(AttachmentPolicy.holdsBinary(envelope(new BroadcastAck("r", new byte[0])))).isTrue();
        assertThat(MessageType.BROADCAST_ACK.code()).isEqualTo(12);
    }
}
