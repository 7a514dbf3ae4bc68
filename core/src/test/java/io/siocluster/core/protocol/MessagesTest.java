package io.siocluster.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("protocol messages")
class MessagesTest {

    @Test
    @DisplayName("messages with binary compare by content, not by array identity")
    void binaryEquality() {
        assertThat(new BroadcastAck("r", new byte[] {1})).isEqualTo(new BroadcastAck("r", new byte[] {1}))
                .hasSameHashCodeAs(new BroadcastAck("r", new byte[] {1}));
        assertThat(new ServerSideEmitResponse("r", new byte[] {1})).isEqualTo(new ServerSideEmitResponse("r", new byte[] {1}));
        assertThat(new SocketDetails("s", Map.of(), List.of(), new byte[] {1}))
                .isEqualTo(new SocketDetails("s", Map.of(), List.of(), new byte[] {1}));
        assertThat(BroadcastPacket.event("e", new byte[] {1}, Map.of("b", new byte[] {2})))
                .isEqualTo(BroadcastPacket.event("e", new byte[] {1}, Map.of("b", new byte[] {2})));
        assertThat(new BroadcastAck("r", new byte[] {1})).isNotEqualTo(new BroadcastAck("r", new byte[] {2}));
    }

    @Test
    @DisplayName("every type knows its wire number, 1 to 13")
    void typeCodes() {
        for (MessageType type : MessageType.values()) {
            assertThat(MessageType.fromCode(type.code())).contains(type);
        }
        assertThat(MessageType.BROADCAST.code()).isEqualTo(3);
        assertThat(MessageType.ADAPTER_CLOSE.code()).isEqualTo(13);
        assertThat(MessageType.fromCode(0)).isEmpty();
        assertThat(MessageType.fromCode(14)).isEmpty();
    }

    @Test
    @DisplayName("events: name first, arguments after; acknowledgement is the presence of a request id")
    void events() {
        ServerSideEmit emit = ServerSideEmit.withAck("req", "hello", 1, null);
        assertThat(emit.event()).isEqualTo("hello");
        assertThat(emit.args()).containsExactly(1, null);
        assertThat(emit.expectsAck()).isTrue();
        assertThat(ServerSideEmit.of("hello").expectsAck()).isFalse();
        BroadcastPacket packet = BroadcastPacket.event("e", "a");
        assertThat(packet.type()).isEqualTo(BroadcastPacket.EVENT);
        assertThat(packet.event()).isEqualTo("e");
        assertThat(packet.args()).containsExactly("a");
        assertThat(Broadcast.withAck(packet, BroadcastOptions.ALL, "r").expectsAck()).isTrue();
        assertThatThrownBy(() -> new ServerSideEmit(List.of(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerSideEmit(List.of(1), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BroadcastPacket(7, List.of("e"), null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BroadcastClientCount("r", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("flags: absent differs from false, order of setting is kept, equality ignores order")
    void flags() {
        BroadcastFlags a = BroadcastFlags.builder().timeoutMillis(5).compress(false).build();
        BroadcastFlags b = BroadcastFlags.builder().compress(false).timeoutMillis(5).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.asWireMap().keySet()).containsExactly("timeout", "compress");
        assertThat(a.compress()).isFalse();
        assertThat(a.volatileFlag()).isNull();
        assertThat(a.isVolatile()).isFalse();
        assertThat(a.toBuilder().timeoutMillis(9).volatileFlag(true).build().asWireMap())
                .containsExactly(Map.entry("timeout", 9L), Map.entry("compress", false), Map.entry("volatile", true));
        assertThat(BroadcastFlags.builder().build()).isSameAs(BroadcastFlags.NONE);
        assertThatThrownBy(() -> a.asWireMap().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("options copy their lists; a socket id is excluded like a room")
    void options() {
        BroadcastOptions opts = BroadcastOptions.toRooms("room1", "room2").withExcept("socketId");
        assertThat(opts.rooms()).containsExactly("room1", "room2");
        assertThat(opts.except()).containsExactly("socketId");
        assertThat(opts.flags()).isEqualTo(BroadcastFlags.NONE);
        assertThatThrownBy(() -> opts.rooms().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
