package io.siocluster.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.protocol.ChannelNames;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.testing.RandomMessages;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Property: for random messages of every type, decode(encode(m)) equals m, in JSON and in msgpack, and
 * the inline-or-attachment decision matches the message. Seeds are fixed so a failure reproduces; the
 * failing seed and index are in the assertion message.
 */
@DisplayName("random messages round-trip")
class RandomRoundTripTest {

    private static final int MESSAGES_PER_SEED = 500;
    private static final long[] SEEDS = {1, 2, 3, 20240101};
    private final ProtocolCodec codec = ProtocolCodec.createDefault();

    @Test
    @DisplayName("through msgpack, binary anywhere included")
    void msgpack() throws Exception {
        for (long seed : SEEDS) {
            RandomMessages messages = new RandomMessages(seed, true);
            for (int i = 0; i < MESSAGES_PER_SEED; i++) {
                Envelope envelope = messages.envelope();
                byte[] bytes = codec.encodeMsgpack(envelope);
                Envelope decoded = codec.decodeAttachment(bytes, "/ignored");
                assertThat(decoded).as("seed %d message %d", seed, i).isEqualTo(envelope);
                assertThat(codec.encodeMsgpack(decoded)).as("seed %d message %d re-encoded", seed, i).isEqualTo(bytes);
            }
        }
    }

    @Test
    @DisplayName("through JSON, for messages without binary")
    void json() throws Exception {
        for (long seed : SEEDS) {
            RandomMessages messages = new RandomMessages(seed, false);
            for (int i = 0; i < MESSAGES_PER_SEED; i++) {
                Envelope envelope = messages.envelope();
                String json = codec.encodeJson(envelope);
                InboundNotification decoded = codec.decodeNotification(json, "/ignored");
                assertThat(decoded).as("seed %d message %d: %s", seed, i, json).isEqualTo(new InlineNotification(envelope));
                assertThat(codec.encodeJson(((InlineNotification) decoded).envelope())).isEqualTo(json);
            }
        }
    }

    @Test
    @DisplayName("through encode(): inline or attachment, back to the same message either way")
    void publishPath() throws Exception {
        for (long seed : SEEDS) {
            RandomMessages messages = new RandomMessages(seed, true);
            for (int i = 0; i < MESSAGES_PER_SEED; i++) {
                Envelope envelope = messages.envelope();
                OutboundMessage out = codec.encode(envelope);
                Envelope back;
                if (out instanceof InlinePayload inline) {
                    assertThat(AttachmentPolicy.holdsBinary(envelope)).isFalse();
                    assertThat(inline.json().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                            .isLessThan(AttachmentPolicy.DEFAULT_PAYLOAD_THRESHOLD);
                    back = ((InlineNotification) codec.decodeNotification(inline.json(), ChannelNames.DEFAULT_NAMESPACE)).envelope();
                } else {
                    AttachmentPayload attachment = (AttachmentPayload) out;
                    assertThat(attachment.reason()).isEqualTo(AttachmentPolicy.holdsBinary(envelope)
                            ? AttachmentReason.BINARY : AttachmentReason.SIZE);
                    String header = codec.encodeHeader(attachment.header("1" + i));
                    AttachmentHeader decodedHeader = (AttachmentHeader) codec.decodeNotification(header, "/x");
                    assertThat(decodedHeader).isEqualTo(attachment.header("1" + i));
                    back = codec.decodeAttachment(attachment.msgpack(), "/x");
                }
                assertThat(back).as("seed %d message %d", seed, i).isEqualTo(envelope);
            }
        }
    }
}
