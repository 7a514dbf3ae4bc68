package io.siocluster.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.Heartbeat;
import io.siocluster.core.protocol.SocketsJoin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Entries recorded from {@code @socket.io/redis-streams-adapter} 0.3.1 (socket.io 4.8.4, socket.io-adapter 2.5.8,
 * redis 4.7.1) with {@code XRANGE}: {@code io.to("red").except("blue").emit("news", "hi", 1)},
 * {@code io.emit("bin", Buffer.from([0,1,2]), {k: Buffer.from("ab")})} and {@code io.in("red").socketsJoin("green")}.
 */
@DisplayName("Stream entries: @socket.io/redis-streams-adapter 0.3.1's fields")
class StreamEntryCodecTest {

    private static final String UID = "4cc2aa01163d5085";
    private static final Map<String, String> NEWS = entry("3",
            "{\"packet\":{\"type\":2,\"data\":[\"news\",\"hi\",1]},\"opts\":{\"rooms\":[\"red\"],\"except\":[\"blue\"],\"flags\":{}}}");
    private static final Map<String, String> BINARY = entry("3",
            "gqZwYWNrZXSCpHR5cGUCpGRhdGGTo2JpbsQDAAECgaFrxAJhYqRvcHRzg6Vyb29tc5CmZXhjZXB0kKVmbGFnc4A=");
    private static final Map<String, String> JOIN = entry("4",
            "{\"opts\":{\"rooms\":[\"red\"],\"except\":[],\"flags\":{}},\"rooms\":[\"green\"]}");

    private final StreamEntryCodec codec = new StreamEntryCodec(DecodeLimits.DEFAULT);

    @Test
    @DisplayName("Node's JSON entries decode to the message, and encode back to the same fields, in the same order")
    void jsonEntries() throws Exception {
        Envelope news = codec.decode(NEWS, "/");
        assertThat(news.uid()).isEqualTo(UID);
        Broadcast broadcast = (Broadcast) news.message();
        assertThat(broadcast.packet().event()).isEqualTo("news");
        assertThat(broadcast.opts()).isEqualTo(BroadcastOptions.toRooms("red").withExcept("blue"));
        assertThat(codec.encode(news)).containsExactlyEntriesOf(NEWS);

        Envelope join = codec.decode(JOIN, "/");
        assertThat(((SocketsJoin) join.message()).rooms()).containsExactly("green");
        assertThat(codec.encode(join)).containsExactlyEntriesOf(JOIN);
    }

    @Test
    @DisplayName("data holding binary is base64 msgpack of the data alone, both ways, byte for byte")
    void binaryEntry() throws Exception {
        Envelope bin = codec.decode(BINARY, "/");
        List<Object> args = ((Broadcast) bin.message()).packet().args();
        assertThat((byte[]) args.get(0)).containsExactly(0, 1, 2);
        assertThat((byte[]) ((Map<?, ?>) args.get(1)).get("k")).containsExactly('a', 'b');
        assertThat(codec.encode(bin)).containsExactlyEntriesOf(BINARY);
    }

    @Test
    @DisplayName("a numbered message carries seq as an extra last field; a message without data has no data field")
    void seqAndNoData() throws Exception {
        Envelope numbered = new Envelope(UID, "/chat", Broadcast.of(BroadcastPacket.event("e", 1), BroadcastOptions.ALL), 7);
        Map<String, String> fields = codec.encode(numbered);
        assertThat(fields.keySet()).containsExactly("uid", "nsp", "type", "data", "seq");
        assertThat(fields.get("seq")).isEqualTo("7");
        assertThat(codec.decode(fields, "/")).isEqualTo(numbered);

        Envelope beat = new Envelope(UID, "/", Heartbeat.INSTANCE);
        assertThat(codec.encode(beat)).containsExactly(Map.entry("uid", UID), Map.entry("nsp", "/"),
                Map.entry("type", Integer.toString(beat.type().code())));
    }

    @Test
    @DisplayName("a type or seq that is not decimal digits, data that is neither JSON nor base64, or no uid: MessageDecodeException")
    void malformed() {
        Map<String, String> badType = new LinkedHashMap<>(NEWS);
        badType.put("type", "3.0");
        Map<String, String> badSeq = new LinkedHashMap<>(NEWS);
        badSeq.put("seq", "-1");
        Map<String, String> badData = new LinkedHashMap<>(NEWS);
        badData.put("data", "not base64!");
        Map<String, String> noUid = new LinkedHashMap<>(NEWS);
        noUid.remove("uid");
        for (Map<String, String> entry : List.of(badType, badSeq, badData, noUid)) {
            assertThatThrownBy(() -> codec.decode(entry, "/")).isInstanceOf(MessageDecodeException.class);
        }
    }

    @Test
    @DisplayName("an unreadable entry becomes a text the channel codec rejects, so it is counted as malformed")
    void unreadableIsMalformedText() {
        String text = StreamEntryCodec.unreadable(NEWS);
        assertThatThrownBy(() -> ProtocolCodec.createDefault().decodeNotification(text, "/"))
                .isInstanceOf(MessageDecodeException.class);
    }

    private static Map<String, String> entry(String type, String data) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("uid", UID);
        fields.put("nsp", "/");
        fields.put("type", type);
        fields.put("data", data);
        return fields;
    }
}
