package io.siocluster.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastAck;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.ClusterMessage;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.FetchSocketsResponse;
import io.siocluster.core.protocol.ServerSideEmit;
import io.siocluster.core.protocol.ServerSideEmitResponse;
import io.siocluster.core.protocol.SocketDetails;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("msgpack round trips")
class MsgpackRoundTripTest {

    private final ProtocolCodec codec = ProtocolCodec.createDefault();

    private Envelope roundTrip(ClusterMessage message) throws MessageDecodeException {
        Envelope envelope = new Envelope("0123456789abcdef", "/", message);
        Envelope back = codec.decodeAttachment(codec.encodeMsgpack(envelope), "/");
        assertThat(back).isEqualTo(envelope);
        assertThat(back.hashCode()).isEqualTo(envelope.hashCode());
        return back;
    }

    /** {@code bytes} wrapped alternately in a list and a map, {@code depth} times. */
    private static Object nest(int depth, byte[] bytes) {
        Object value = bytes;
        for (int i = 0; i < depth; i++) {
            value = i % 2 == 0 ? List.of(value) : Map.of("level" + i, value);
        }
        return value;
    }

    private static byte[] find(Object value) {
        while (!(value instanceof byte[])) {
            value = value instanceof List<?> l ? l.get(0) : ((Map<?, ?>) value).values().iterator().next();
        }
        return (byte[]) value;
    }

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {0, 1, 2, 3, 5, 8, 20, 99})
    @DisplayName("binary comes back as byte[] with the same content, at every depth and in every message that holds values")
    void binaryAtDepth(int depth) throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xfe, (byte) 0xff};
        Object value = nest(depth, bytes);
        Broadcast broadcast = (Broadcast) roundTrip(Broadcast.of(BroadcastPacket.event("bin", value, "after"), BroadcastOptions.ALL)).message();
        assertThat(find(broadcast.packet().args().get(0))).isEqualTo(bytes).isNotSameAs(bytes);
        roundTrip(ServerSideEmit.of("bin", value));
        roundTrip(new ServerSideEmitResponse("r", value));
        roundTrip(new BroadcastAck("r", value));
        roundTrip(new FetchSocketsResponse("r", List.of(new SocketDetails("s", Map.of("h", value), List.of("s"), value))));
    }

    @Test
    @DisplayName("binary sizes across bin 8 / 16 / 32, and an empty array")
    void binarySizes() throws Exception {
        for (int size : new int[] {0, 1, 255, 256, 65535, 65536, 70_000}) {
            byte[] bytes = new byte[size];
            new java.util.Random(size).nextBytes(bytes);
            roundTrip(new BroadcastAck("r", bytes));
        }
    }

    @Test
    @DisplayName("the exact bytes of a small message: map order, fixint, fixstr, bin 8, float 64")
    void exactBytes() {
        Map<String, Object> arg = new LinkedHashMap<>();
        arg.put("b", new byte[] {7});
        arg.put("n", 1.5);
        Envelope envelope = new Envelope("u", "/", new BroadcastAck("r", arg));
        assertThat(HexFormat.of().formatHex(codec.encodeMsgpack(envelope))).isEqualTo(
                "84" + "a474797065" + "0c"                                   // type: 12
                + "a464617461" + "82" + "a9726571756573744964" + "a172"      // data: {requestId: "r",
                + "a67061636b6574" + "82" + "a162" + "c40107"                //   packet: {b: bin8 [7],
                + "a16e" + "cb3ff8000000000000"                              //            n: 1.5}}
                + "a3756964" + "a175" + "a36e7370" + "a12f");                // uid: "u", nsp: "/"
    }

    @Test
    @DisplayName("numbers keep their value: whole numbers up to 2^53 as ints, longer longs exact, other doubles as float 64")
    void numbers() throws Exception {
        List<Object> values = List.of(0, -1, 127, 128, -33, 65536, 4294967296L, Long.MAX_VALUE, Long.MIN_VALUE,
                0.5, -1e-300, 1e300, Double.NaN, Double.NEGATIVE_INFINITY, 9007199254740992.0);
        Broadcast broadcast = (Broadcast) roundTrip(Broadcast.of(new BroadcastPacket(2, values, null, null), BroadcastOptions.ALL)).message();
        assertThat(broadcast.packet().data()).containsExactly(0, -1, 127, 128, -33, 65536, 4294967296L, Long.MAX_VALUE,
                Long.MIN_VALUE, 0.5, -1e-300, 1e300, Double.NaN, Double.NEGATIVE_INFINITY, 9007199254740992.0);
    }

    @Test
    @DisplayName("lone surrogates, which UTF-8 cannot hold, become U+FFFD as JavaScript's TextEncoder makes them")
    void loneSurrogates() throws Exception {
        Envelope envelope = new Envelope("u", "/", new BroadcastAck("r", "a\ud800b\udc00"));
        Envelope back = codec.decodeAttachment(codec.encodeMsgpack(envelope), "/");
        assertThat(((BroadcastAck) back.message()).packet()).isEqualTo("a\ufffdb\ufffd");
    }
}
