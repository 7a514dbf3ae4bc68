package io.siocluster.core.wire.internal;

import io.siocluster.core.codec.AttachmentPayload;
import io.siocluster.core.codec.InlinePayload;
import io.siocluster.core.codec.MessageDecodeException;
import io.siocluster.core.codec.OutboundMessage;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.codec.StreamEntryCodec;
import io.siocluster.core.protocol.Envelope;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message on Node's redis-streams pub/sub channels: the msgpack of the whole message ({@code type}, {@code data},
 * {@code uid}, {@code nsp}), as {@code RedisStreamsAdapter.doPublish} and {@code doPublishResponse} encode it, and
 * back to the channel text the core reads. Messages sent this way are unnumbered (Node's carry no {@code seq}).
 */
final class PubSubFraming {

    private static final Logger LOG = LoggerFactory.getLogger(PubSubFraming.class);

    private final ProtocolCodec codec;

    /** @param codec the view's codec: inline JSON, binary as base64 msgpack inline */
    PubSubFraming(ProtocolCodec codec) {
        this.codec = codec;
    }

    /** The bytes to publish for {@code envelope}, without its sequence number. */
    byte[] bytes(Envelope envelope) {
        Envelope unnumbered = envelope.seq() == Envelope.UNNUMBERED ? envelope
                : new Envelope(envelope.uid(), envelope.nsp(), envelope.message());
        return codec.encodeMsgpack(unnumbered);
    }

    /** The text the core reads for a pub/sub message; one it cannot read becomes a text the core counts as malformed. */
    String text(String channel, byte[] payload, String namespace) {
        try {
            Envelope envelope = codec.decodeAttachment(payload, namespace);
            OutboundMessage text = codec.encode(envelope);
            return text instanceof InlinePayload inline ? inline.json() : codec.encodeEmbedded((AttachmentPayload) text);
        } catch (MessageDecodeException | RuntimeException e) {
            LOG.debug("unreadable pub/sub message on {}: {}", channel, e.toString());
            return StreamEntryCodec.unreadable(Map.of("channel", channel, "bytes", Integer.toString(payload.length)));
        }
    }
}
