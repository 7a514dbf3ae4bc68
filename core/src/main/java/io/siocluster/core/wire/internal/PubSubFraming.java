package io.siocluster.core.wire.internal;

import io.siocluster.core.codec.MessageDecodeException;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.codec.StreamEntryCodec;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.wire.EnvelopeMessaging.EnvelopeListener;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message on Node's redis-streams pub/sub channels: the msgpack of the whole message ({@code type}, {@code data},
 * {@code uid}, {@code nsp}), as {@code RedisStreamsAdapter.doPublish} and {@code doPublishResponse} encode it, and
 * back to the envelope the core reads. Messages sent this way are unnumbered (Node's carry no {@code seq}).
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

    /**
     * Hands a pub/sub message to {@code listener} as its envelope, under {@code channel}; one it cannot read as a text
     * the core counts as malformed.
     */
    void deliver(String channel, String name, byte[] payload, String namespace, EnvelopeListener listener) {
        Envelope envelope;
        try {
            envelope = codec.decodeAttachment(payload, namespace);
        } catch (MessageDecodeException | RuntimeException e) {
            LOG.debug("unreadable pub/sub message on {}: {}", name, e.toString());
            listener.onMessage(channel, StreamEntryCodec.unreadable(Map.of("channel", name, "bytes",
                    Integer.toString(payload.length))));
            return;
        }
        listener.onEnvelope(channel, envelope);
    }
}
