package io.siocluster.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastFlags;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.DisconnectSockets;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.MessageType;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Where Node is lenient, so is the decoder. */
@DisplayName("decoding tolerance")
class DecodingToleranceTest {

    private final ProtocolCodec codec = ProtocolCodec.createDefault();

    private Envelope inline(String json, String channelNamespace) throws MessageDecodeException {
        return ((InlineNotification) codec.decodeNotification(json, channelNamespace)).envelope();
    }

    @Test
    @DisplayName("the attachment id may be a string (Node) or a whole number; nsp comes from the channel when absent")
    void attachmentIds() throws Exception {
        assertThat(codec.decodeNotification("{\"uid\":\"u\",\"type\":3,\"attachmentId\":\"12\"}", "/chat"))
                .isEqualTo(new AttachmentHeader("u", MessageType.BROADCAST, "12", "/chat"));
        assertThat(codec.decodeNotification("{\"uid\":\"u\",\"type\":9,\"attachmentId\":12,\"nsp\":\"/x\"}", "/chat"))
                .isEqualTo(new AttachmentHeader("u", MessageType.SERVER_SIDE_EMIT, "12", "/x"));
        assertThat(codec.decodeNotification("{\"uid\":\"u\",\"type\":9,\"attachmentId\":9007199254740993}", "/"))
                .isInstanceOfSatisfying(AttachmentHeader.class, h -> assertThat(h.attachmentId()).isEqualTo("9007199254740993"));
    }

    @Test
    @DisplayName("missing nsp, flags, rooms and except: the channel's namespace and empty values (the Node emitter)")
    void missingParts() throws Exception {
        Envelope envelope = inline("{\"type\":3,\"data\":{\"packet\":{\"type\":2,\"data\":[\"e\"],\"nsp\":\"/\"},"
                + "\"opts\":{}},\"uid\":\"emitter\"}", "/chat");
        assertThat(envelope).isEqualTo(new Envelope("emitter", "/chat",
                Broadcast.of(new BroadcastPacket(2, List.of("e"), "/", null), BroadcastOptions.ALL)));
        assertThat(envelope.fromEmitter()).isTrue();
        assertThat(inline("{\"type\":6,\"data\":{\"opts\":{\"rooms\":[\"r\"],\"except\":[]}},\"uid\":\"u\"}", "/").message())
                .as("close missing: false")
                .isEqualTo(new DisconnectSockets(BroadcastOptions.toRooms("r"), false));
    }

    @Test
    @DisplayName("unknown fields anywhere are ignored, unknown flags dropped, null requestId means no ack")
    void unknownFields() throws Exception {
        Envelope envelope = inline("{\"type\":3,\"extra\":[1],\"data\":{\"packet\":{\"type\":2,\"data\":[\"e\"],\"x\":1},"
                + "\"requestId\":null,\"opts\":{\"rooms\":[],\"except\":[],\"flags\":{\"local\":true,\"binary\":true,"
                + "\"volatile\":true,\"broadcast\":false}},\"more\":{}},\"uid\":\"u\",\"nsp\":\"/\",\"seq\":42}", "/");
        assertThat(envelope.message()).isEqualTo(Broadcast.of(BroadcastPacket.event("e"),
                BroadcastOptions.ALL.withFlags(BroadcastFlags.builder().volatileFlag(true).build())));
    }

    @Test
    @DisplayName("numeric room names (a JavaScript app's socket.join(42)) read as their JavaScript text")
    void numericRooms() throws Exception {
        Envelope envelope = inline("{\"type\":4,\"data\":{\"opts\":{\"rooms\":[42,1.5],\"except\":[\"x\"],\"flags\":{}},"
                + "\"rooms\":[7]},\"uid\":\"u\",\"nsp\":\"/\"}", "/");
        assertThat(envelope.message()).isEqualTo(new io.siocluster.core.protocol.SocketsJoin(
                new BroadcastOptions(List.of("42", "1.5"), List.of("x"), BroadcastFlags.NONE), List.of("7")));
    }

    @Test
    @DisplayName("a fractional or negative timeout is read as whole milliseconds from 0, as setTimeout treats it")
    void timeouts() throws Exception {
        Envelope envelope = inline("{\"type\":7,\"data\":{\"opts\":{\"flags\":{\"timeout\":1500.7}},\"requestId\":\"r\"},"
                + "\"uid\":\"u\",\"nsp\":\"/\"}", "/");
        assertThat(((io.siocluster.core.protocol.FetchSockets) envelope.message()).opts().flags().timeoutMillis()).isEqualTo(1500L);
        Envelope negative = inline("{\"type\":7,\"data\":{\"opts\":{\"flags\":{\"timeout\":-5}},\"requestId\":\"r\"},"
                + "\"uid\":\"u\",\"nsp\":\"/\"}", "/");
        assertThat(((io.siocluster.core.protocol.FetchSockets) negative.message()).opts().flags().timeoutMillis()).isZero();
    }

    @Test
    @DisplayName("duplicate keys: the last value wins, as in JSON.parse")
    void duplicateKeys() throws Exception {
        assertThat(inline("{\"type\":1,\"uid\":\"a\",\"uid\":\"b\",\"nsp\":\"/\"}", "/").uid()).isEqualTo("b");
    }

    @Test
    @DisplayName("heartbeats ignore any data they carry")
    void heartbeatData() throws Exception {
        assertThat(inline("{\"type\":2,\"data\":\"whatever\",\"uid\":\"u\",\"nsp\":\"/\"}", "/").type())
                .isEqualTo(MessageType.HEARTBEAT);
    }

    @Test
    @DisplayName("a msgpack timestamp (a Date sent by a Node peer) reads as its toISOString() text")
    void timestamps() throws Exception {
        // {"type":12,"data":{"requestId":"r","packet":<timestamp 32: 1700000000>},"uid":"u","nsp":"/"}
        byte[] bytes = java.util.HexFormat.of().parseHex("84a474797065" + "0c" + "a464617461" + "82a9726571756573744964a172"
                + "a67061636b6574" + "d6ff6553f100" + "a3756964a175" + "a36e7370a12f");
        Envelope envelope = codec.decodeAttachment(bytes, "/");
        assertThat(((io.siocluster.core.protocol.BroadcastAck) envelope.message()).packet()).isEqualTo("2023-11-14T22:13:20.000Z");
    }
}
