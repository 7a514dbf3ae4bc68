package io.siocluster.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.Envelope;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The inline form of an attachment, for transports without a blob store: base64 msgpack in a JSON payload. */
@DisplayName("attachments carried inline")
class EmbeddedAttachmentTest {

    private final ProtocolCodec codec = ProtocolCodec.createDefault();

    @Test
    @DisplayName("a binary message sent inline decodes to the same envelope, byte[] included")
    void roundTrip() throws Exception {
        Envelope envelope = new Envelope("0123456789abcdef", "/chat",
                Broadcast.of(BroadcastPacket.event("bin", new byte[] {0, 1, (byte) 0xff}), BroadcastOptions.ALL));
        AttachmentPayload attachment = (AttachmentPayload) codec.encode(envelope);

        String payload = codec.encodeEmbedded(attachment);
        InboundNotification decoded = codec.decodeNotification(payload, "/chat");

        assertThat(payload).startsWith("{\"uid\":\"0123456789abcdef\",\"type\":3,\"nsp\":\"/chat\",\"msgpack\":\"");
        assertThat(decoded).isInstanceOf(InlineNotification.class);
        assertThat(((InlineNotification) decoded).envelope()).isEqualTo(envelope);
    }

    @Test
    @DisplayName("text that is not base64, or base64 that is not a message, is refused as malformed")
    void malformed() {
        assertThatThrownBy(() -> codec.decodeNotification("{\"uid\":\"u\",\"type\":3,\"msgpack\":\"%%%\"}", "/"))
                .isInstanceOf(MessageDecodeException.class)
                .extracting(e -> ((MessageDecodeException) e).reason()).isEqualTo(MessageDecodeException.Reason.MALFORMED);
        assertThatThrownBy(() -> codec.decodeNotification("{\"uid\":\"u\",\"type\":3,\"msgpack\":\"AAAA\"}", "/"))
                .isInstanceOf(MessageDecodeException.class);
    }
}
