package io.siocluster.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siocluster.core.protocol.AdapterClose;
import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastAck;
import io.siocluster.core.protocol.BroadcastClientCount;
import io.siocluster.core.protocol.BroadcastFlags;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.ClusterMessage;
import io.siocluster.core.protocol.DisconnectSockets;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.FetchSockets;
import io.siocluster.core.protocol.FetchSocketsResponse;
import io.siocluster.core.protocol.Heartbeat;
import io.siocluster.core.protocol.InitialHeartbeat;
import io.siocluster.core.protocol.MessageType;
import io.siocluster.core.protocol.ServerSideEmit;
import io.siocluster.core.protocol.ServerSideEmitResponse;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.core.protocol.SocketsJoin;
import io.siocluster.core.protocol.SocketsLeave;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The exact JSON of every message type, written out by hand from socket.io-adapter 2.5.8's source. */
@DisplayName("JSON encoding")
class JsonEncodingTest {

    private static final String UID = "0123456789abcdef";
    private static final String REQ = "fedcba9876543210";
    private final ProtocolCodec codec = ProtocolCodec.createDefault();

    private String json(ClusterMessage message) {
        return codec.encodeJson(new Envelope(UID, "/", message));
    }

    @Nested
    @DisplayName("each message type")
    class EachType {

        @Test
        @DisplayName("1 INITIAL_HEARTBEAT, 2 HEARTBEAT and 13 ADAPTER_CLOSE carry no data key")
        void noData() {
            assertThat(json(InitialHeartbeat.INSTANCE)).isEqualTo("{\"type\":1,\"uid\":\"0123456789abcdef\",\"nsp\":\"/\"}");
            assertThat(json(Heartbeat.INSTANCE)).isEqualTo("{\"type\":2,\"uid\":\"0123456789abcdef\",\"nsp\":\"/\"}");
            assertThat(json(AdapterClose.INSTANCE)).isEqualTo("{\"type\":13,\"uid\":\"0123456789abcdef\",\"nsp\":\"/\"}");
        }

        @Test
        @DisplayName("3 BROADCAST without ack: {packet, opts}")
        void broadcast() {
            assertThat(json(Broadcast.of(BroadcastPacket.event("hello", "world", 1), BroadcastOptions.ALL)))
                    .isEqualTo("{\"type\":3,\"data\":{\"packet\":{\"type\":2,\"data\":[\"hello\",\"world\",1]},"
                            + "\"opts\":{\"rooms\":[],\"except\":[],\"flags\":{}}},\"uid\":\"0123456789abcdef\",\"nsp\":\"/\"}");
        }

        @Test
        @DisplayName("3 BROADCAST with ack: requestId between packet and opts, as Node orders it")
        void broadcastWithAck() {
            BroadcastOptions opts = BroadcastOptions.toRooms("room1").withFlags(BroadcastFlags.builder().timeoutMillis(1000).build());
            assertThat(json(Broadcast.withAck(BroadcastPacket.event("ask"), opts, REQ)))
                    .isEqualTo("{\"type\":3,\"data\":{\"packet\":{\"type\":2,\"data\":[\"ask\"]},\"requestId\":\"fedcba9876543210\","
                            + "\"opts\":{\"rooms\":[\"room1\"],\"except\":[],\"flags\":{\"timeout\":1000}}},"
                            + "\"uid\":\"0123456789abcdef\",\"nsp\":\"/\"}");
        }

        @Test
        @DisplayName("4 SOCKETS_JOIN and 5 SOCKETS_LEAVE: {opts, rooms}")
        void joinLeave() {
            BroadcastOptions opts = BroadcastOptions.toRooms("room1").withExcept("room2");
            assertThat(json(new SocketsJoin(opts, List.of("j1", "j2"))))
                    .isEqualTo("{\"type\":4,\"data\":{\"opts\":{\"rooms\":[\"room1\"],\"except\":[\"room2\"],\"flags\":{}},"
                            + "\"rooms\":[\"j1\",\"j2\"]},\"uid\":\"0123456789abcdef\",\"nsp\":\"/\"}");
            assertThat(json(new SocketsLeave(BroadcastOptions.ALL, List.of("j1"))))
                    .isEqualTo("{\"type\":5,\"data\":{\"opts\":{\"rooms\":[],\"except\":[],\"flags\":{}},"
                            + "\"rooms\":[\"j1\"]},\"uid\":\"0123456789abcdef\",\"nsp\":\"/\"}");
        }

        @Test
        @DisplayName("6 DISCONNECT_SOCKETS: {opts, close}, close always written")
        void disconnect() {
            assertThat(json(new DisconnectSockets(BroadcastOptions.ALL, true)))
                    .isEqualTo("{\"type\":6,\"data\":{\"opts\":{\"rooms\":[],\"except\":[],\"flags\":{}},\"close\":true},"
                            + "\"uid\":\"0123456789abcdef\",\"nsp\":\"/\"}");
            assertThat(json(new DisconnectSockets(BroadcastOptions.ALL, false))).contains("\"close\":false");
        }

        @Test
        @DisplayName("7 FETCH_SOCKETS: {opts, requestId}")
        void fetchSockets() {
            assertThat(json(new FetchSockets(BroadcastOptions.toRooms("room1"), REQ)))
                    .isEqualTo("{\"type\":7,\"data\":{\"opts\":{\"rooms\":[\"room1\"],\"except\":[],\"flags\":{}},"
                            + "\"requestId\":\"fedcba9876543210\"},\"uid\":\"0123456789abcdef\",\"nsp\":\"/\"}");
        }

        @Test
        @DisplayName("8 FETCH_SOCKETS_RESPONSE: {requestId, sockets:[{id, handshake, rooms, data}]}")
        void fetchSocketsResponse() {
            Map<String, Object> handshake = new LinkedHashMap<>();
            handshake.put("address", "127.0.0.1");
            handshake.put("issued", 1704110400000L);
            handshake.put("query", Map.of("EIO", "4"));
            SocketDetails socket = new SocketDetails("s1", handshake, List.of("s1", "room1"), Map.of("user", "Zoë"));
            assertThat(json(new FetchSocketsResponse(REQ, List.of(socket))))
                    .isEqualTo("{\"type\":8,\"data\":{\"requestId\":\"fedcba9876543210\",\"sockets\":[{\"id\":\"s1\","
                            + "\"handshake\":{\"address\":\"127.0.0.1\",\"issued\":1704110400000,\"query\":{\"EIO\":\"4\"}},"
                            + "\"rooms\":[\"s1\",\"room1\"],\"data\":{\"user\":\"Zoë\"}}]},"
                            + "\"uid\":\"0123456789abcdef\",\"nsp\":\"/\"}");
        }

        @Test
        @DisplayName("9 SERVER_SIDE_EMIT: {packet} without ack, {requestId, packet} with ack")
        void serverSideEmit() {
            assertThat(json(ServerSideEmit.of("hello-server", Map.of("a", 1))))
                    .isEqualTo("{\"type\":9,\"data\":{\"packet\":[\"hello-server\",{\"a\":1}]},"
                            + "\"uid\":\"0123456789abcdef\",\"nsp\":\"/\"}");
            assertThat(json(ServerSideEmit.withAck(REQ, "hello-server", "q")))
                    .isEqualTo("{\"type\":9,\"data\":{\"requestId\":\"fedcba9876543210\",\"packet\":[\"hello-server\",\"q\"]},"
                            + "\"uid\":\"0123456789abcdef\",\"nsp\":\"/\"}");
        }

        @Test
        @DisplayName("10 SERVER_SIDE_EMIT_RESPONSE, 11 BROADCAST_CLIENT_COUNT, 12 BROADCAST_ACK: requestId first")
        void responses() {
            assertThat(json(new ServerSideEmitResponse(REQ, Map.of("ok", true))))
                    .isEqualTo("{\"type\":10,\"data\":{\"requestId\":\"fedcba9876543210\",\"packet\":{\"ok\":true}},"
                            + "\"uid\":\"0123456789abcdef\",\"nsp\":\"/\"}");
            assertThat(json(new BroadcastClientCount(REQ, 3)))
                    .isEqualTo("{\"type\":11,\"data\":{\"requestId\":\"fedcba9876543210\",\"clientCount\":3},"
                            + "\"uid\":\"0123456789abcdef\",\"nsp\":\"/\"}");
            assertThat(json(new BroadcastAck(REQ, "pong")))
                    .isEqualTo("{\"type\":12,\"data\":{\"requestId\":\"fedcba9876543210\",\"packet\":\"pong\"},"
                            + "\"uid\":\"0123456789abcdef\",\"nsp\":\"/\"}");
        }

        @Test
        @DisplayName("the attachment header: {uid, type, attachmentId, nsp}, the id as a string")
        void header() {
            assertThat(codec.encodeHeader(new AttachmentHeader(UID, MessageType.BROADCAST, "42", "/chat")))
                    .isEqualTo("{\"uid\":\"0123456789abcdef\",\"type\":3,\"attachmentId\":\"42\",\"nsp\":\"/chat\"}");
        }
    }

    @Nested
    @DisplayName("omission rules")
    class Omission {

        @Test
        @DisplayName("no requestId key without an acknowledgement, never requestId:null")
        void noRequestId() {
            assertThat(json(Broadcast.of(BroadcastPacket.event("e"), BroadcastOptions.ALL))).doesNotContain("requestId");
            assertThat(json(ServerSideEmit.of("e"))).doesNotContain("requestId");
        }

        @Test
        @DisplayName("flags hold only the flags that were set, in the order they were set")
        void flags() {
            BroadcastFlags flags = BroadcastFlags.builder().timeoutMillis(5000).compress(false).volatileFlag(true).build();
            assertThat(json(Broadcast.of(BroadcastPacket.event("e"), BroadcastOptions.ALL.withFlags(flags))))
                    .contains("\"flags\":{\"timeout\":5000,\"compress\":false,\"volatile\":true}");
            BroadcastFlags single = BroadcastFlags.builder().expectSingleResponse(true).timeoutMillis(2500).build();
            assertThat(json(Broadcast.of(BroadcastPacket.event("e"), BroadcastOptions.ALL.withFlags(single))))
                    .contains("\"flags\":{\"expectSingleResponse\":true,\"timeout\":2500}");
        }

        @Test
        @DisplayName("packet nsp and id appear only when set, after type and data")
        void packetFields() {
            BroadcastPacket packet = new BroadcastPacket(2, List.of("e"), "/", 7L);
            assertThat(json(Broadcast.of(packet, BroadcastOptions.ALL)))
                    .contains("\"packet\":{\"type\":2,\"data\":[\"e\"],\"nsp\":\"/\",\"id\":7}");
            assertThat(json(Broadcast.of(BroadcastPacket.event("e"), BroadcastOptions.ALL)))
                    .contains("\"packet\":{\"type\":2,\"data\":[\"e\"]}");
        }

        @Test
        @DisplayName("null arguments and null acknowledgement values are written as null, not left out")
        void nullValues() {
            assertThat(json(Broadcast.of(BroadcastPacket.event("e", null, "x"), BroadcastOptions.ALL)))
                    .contains("\"data\":[\"e\",null,\"x\"]");
            assertThat(json(new BroadcastAck(REQ, null))).contains("\"packet\":null");
        }
    }

    @Nested
    @DisplayName("values as JavaScript writes them")
    class JsValues {

        private String args(Object... args) {
            String json = json(Broadcast.of(BroadcastPacket.event("e", args), BroadcastOptions.ALL));
            return json.substring(json.indexOf("[\"e\"") + 4, json.indexOf("]},\"opts\""));
        }

        @Test
        @DisplayName("numbers: whole doubles as integers, JavaScript exponent style, NaN and infinities as null")
        void numbers() {
            assertThat(args(3.0, -0.0, 0.1, 1e21, 1e20, 1e-7, 0.000001, 1.0 / 3, Double.NaN, Double.POSITIVE_INFINITY, 5e-324,
                    Double.MAX_VALUE, 9007199254740993L, (short) 7, 2.5f))
                    .isEqualTo(",3,0,0.1,1e+21,100000000000000000000,1e-7,0.000001,0.3333333333333333,null,null,5e-324,"
                            + "1.7976931348623157e+308,9007199254740993,7,2.5");
        }

        @Test
        @DisplayName("strings: only quote, backslash and control characters escaped, lower-case hex, lone surrogates escaped")
        void strings() {
            assertThat(args("\u0000\u001f\"\\/\b\f\n\r\t\u007f\u2028 é ✓ 😀", "\ud800", "x\udc00y"))
                    .isEqualTo(",\"\\u0000\\u001f\\\"\\\\/\\b\\f\\n\\r\\t\u007f\u2028 é ✓ 😀\",\"\\ud800\",\"x\\udc00y\"");
        }

        @Test
        @DisplayName("binary has no JSON form: encodeJson refuses it")
        void binary() {
            Envelope envelope = new Envelope(UID, "/", Broadcast.of(BroadcastPacket.event("e", (Object) new byte[] {1}),
                    BroadcastOptions.ALL));
            assertThatThrownBy(() -> codec.encodeJson(envelope)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("attachment");
        }
    }
}
