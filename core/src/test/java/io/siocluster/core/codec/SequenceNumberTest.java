package io.siocluster.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.Heartbeat;
import io.siocluster.core.protocol.MessageType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sio-cluster node's message number travels as an extra {@code "seq"} key, last, in every form: Node ignores
 * keys it does not know, and everything before it stays byte for byte what Node writes.
 */
@DisplayName("message numbers on the wire")
class SequenceNumberTest {

    private static final String UID = "0123456789abcdef";

    private final ProtocolCodec codec = ProtocolCodec.createDefault();

    @Test
    @DisplayName("inline JSON: Node's text with \"seq\" appended, and it decodes back")
    void inline() throws Exception {
        Envelope unnumbered = new Envelope(UID, "/", Broadcast.of(BroadcastPacket.event("e", 1), BroadcastOptions.ALL));
        Envelope numbered = new Envelope(UID, "/", unnumbered.message(), 42);

        String node = codec.encodeJson(unnumbered);
        String ours = codec.encodeJson(numbered);

        assertThat(node).doesNotContain("seq");
        assertThat(ours).isEqualTo(node.substring(0, node.length() - 1) + ",\"seq\":42}");
        assertThat(((InlineNotification) codec.decodeNotification(ours, "/")).envelope()).isEqualTo(numbered);
        assertThat(codec.decodeNotification(node, "/").seq()).isEqualTo(Envelope.UNNUMBERED);
    }

    @Test
    @DisplayName("attachments: the header and the msgpack both carry it; the header's is read without fetching")
    void attachment() throws Exception {
        Envelope numbered = new Envelope(UID, "/", Broadcast.of(BroadcastPacket.event("bin", new byte[] {1}),
                BroadcastOptions.ALL), 7);
        AttachmentPayload attachment = (AttachmentPayload) codec.encode(numbered);

        String header = codec.encodeHeader(attachment.header("12"));
        assertThat(header).isEqualTo("{\"uid\":\"" + UID + "\",\"type\":3,\"attachmentId\":\"12\",\"nsp\":\"/\",\"seq\":7}");
        assertThat(codec.decodeNotification(header, "/")).isEqualTo(new AttachmentHeader(UID, MessageType.BROADCAST, "12", "/", 7));
        assertThat(codec.decodeAttachment(attachment.msgpack(), "/")).isEqualTo(numbered);
        assertThat(codec.encodeHeader(new AttachmentHeader(UID, MessageType.BROADCAST, "12", "/")))
                .as("unnumbered: Node's header").doesNotContain("seq");
    }

    @Test
    @DisplayName("the inline form of an attachment carries it before the base64 and decodes back")
    void embedded() throws Exception {
        Envelope numbered = new Envelope(UID, "/", Broadcast.of(BroadcastPacket.event("bin", new byte[] {1}),
                BroadcastOptions.ALL), 3);
        String payload = codec.encodeEmbedded((AttachmentPayload) codec.encode(numbered));

        assertThat(payload).startsWith("{\"uid\":\"" + UID + "\",\"type\":3,\"nsp\":\"/\",\"seq\":3,\"msgpack\":\"");
        assertThat(((InlineNotification) codec.decodeNotification(payload, "/")).envelope()).isEqualTo(numbered);
    }

    @Test
    @DisplayName("the largest safe JavaScript integer is accepted")
    void largest() throws Exception {
        String payload = "{\"type\":2,\"uid\":\"u\",\"nsp\":\"/\",\"seq\":9007199254740991}";
        assertThat(codec.decodeNotification(payload, "/").seq()).isEqualTo(Envelope.MAX_SEQ);
        assertThat(((InlineNotification) codec.decodeNotification(payload, "/")).envelope().message())
                .isEqualTo(Heartbeat.INSTANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "\"3\"", "true", "{}", "9007199254740992"})
    @DisplayName("a seq present but not a whole number from 1 to 2^53-1 makes the message malformed")
    void invalid(String seq) {
        assertThatThrownBy(() -> codec.decodeNotification("{\"type\":2,\"uid\":\"u\",\"nsp\":\"/\",\"seq\":" + seq + "}", "/"))
                .isInstanceOf(MessageDecodeException.class);
        assertThatThrownBy(() -> codec.decodeNotification(
                "{\"uid\":\"u\",\"type\":3,\"attachmentId\":\"1\",\"seq\":" + seq + "}", "/"))
                .isInstanceOf(MessageDecodeException.class);
    }

    @Test
    @DisplayName("a seq of null counts as absent, as any optional key does")
    void nullIsAbsent() throws Exception {
        assertThat(codec.decodeNotification("{\"type\":2,\"uid\":\"u\",\"seq\":null}", "/").seq())
                .isEqualTo(Envelope.UNNUMBERED);
    }
}
