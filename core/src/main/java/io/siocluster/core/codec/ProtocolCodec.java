package io.siocluster.core.codec;

import io.siocluster.core.codec.MessageDecodeException.Reason;
import io.siocluster.core.codec.internal.EnvelopeTreeReader;
import io.siocluster.core.codec.internal.EnvelopeTreeWriter;
import io.siocluster.core.codec.internal.JsonSizeFloor;
import io.siocluster.core.codec.internal.JsonTextWriter;
import io.siocluster.core.codec.internal.JsonTreeReader;
import io.siocluster.core.codec.internal.MsgpackTreeReader;
import io.siocluster.core.codec.internal.MsgpackTreeWriter;
import io.siocluster.core.internal.value.FrozenMap;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.spi.Transport;
import io.siocluster.spi.messaging.MessagingLimits;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Encodes and decodes cluster messages the way {@code @socket.io/postgres-adapter} 0.5.0 does on top of
 * {@code socket.io-adapter} 2.5.8: inline messages as {@code JSON.stringify} text, attachments as
 * {@code @msgpack/msgpack} bytes of the whole envelope, announced by a small JSON header.
 *
 * <p>Decoding is total: for any input it returns a value or throws {@link MessageDecodeException}, never
 * another exception, and its memory and stack are bounded by {@link DecodeLimits}. Immutable and
 * thread-safe; one instance serves every namespace of a node.
 */
public final class ProtocolCodec {

    private final AttachmentPolicy policy;
    private final DecodeLimits limits;
    private final JsonTreeReader jsonReader;
    private final MsgpackTreeReader msgpackReader;

    private ProtocolCodec(AttachmentPolicy policy, DecodeLimits limits) {
        this.policy = policy;
        this.limits = limits;
        this.jsonReader = new JsonTreeReader(limits);
        this.msgpackReader = new MsgpackTreeReader(limits);
    }

    /** Node's defaults: a payload threshold of 8000 bytes, and {@link DecodeLimits#DEFAULT}. */
    public static ProtocolCodec createDefault() {
        return new ProtocolCodec(AttachmentPolicy.DEFAULT, DecodeLimits.DEFAULT);
    }

    public static ProtocolCodec create(AttachmentPolicy policy, DecodeLimits limits) {
        return new ProtocolCodec(Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(limits, "limits"));
    }

    /**
     * The codec a node or an emitter publishes with over a transport: {@code payloadThreshold} as configured,
     * lowered to what the transport can carry inline (a message it cannot carry inline must go as an
     * attachment whatever the threshold says), and {@link DecodeLimits#DEFAULT}.
     */
    public static ProtocolCodec forTransport(int payloadThreshold, Transport transport) {
        // A message the transport cannot carry inline must go aside whatever the threshold says; without a blob
        // store only that limit counts (binary then travels inline, embedded as base64 msgpack).
        int inlineLimit = transport.messaging().limits().maxPayloadBytes() + 1;
        int threshold = transport.blobStore().isPresent() ? Math.min(payloadThreshold, inlineLimit) : inlineLimit;
        return new ProtocolCodec(new AttachmentPolicy(threshold), DecodeLimits.DEFAULT);
    }

    public AttachmentPolicy attachmentPolicy() {
        return policy;
    }

    public DecodeLimits decodeLimits() {
        return limits;
    }

    // ---- encoding ------------------------------------------------------------------------------

    /**
     * The message ready to publish: inline JSON when it holds no binary and its JSON is under the payload
     * threshold, otherwise msgpack for the blob store.
     */
    public OutboundMessage encode(Envelope envelope) {
        if (AttachmentPolicy.holdsBinary(envelope)) {
            return new AttachmentPayload(envelope, encodeMsgpack(envelope), AttachmentReason.BINARY);
        }
        Map<String, @Nullable Object> tree = EnvelopeTreeWriter.tree(envelope);
        // Its strings alone may already be too long: then no JSON is written just to be measured.
        long floor = JsonSizeFloor.atLeast(tree, policy.payloadThreshold());
        @Nullable String json = policy.tooLargeForInline((int) Math.min(Integer.MAX_VALUE, floor))
                ? null : JsonTextWriter.write(tree);
        if (json == null || policy.tooLargeForInline(MessagingLimits.utf8Length(json))) {
            return new AttachmentPayload(envelope, MsgpackTreeWriter.write(tree), AttachmentReason.SIZE);
        }
        return new InlinePayload(envelope, json);
    }

    /**
     * The JSON text Node would publish for this message, whatever its size.
     *
     * @throws IllegalArgumentException when the message holds binary, which JSON cannot carry
     */
    public String encodeJson(Envelope envelope) {
        return JsonTextWriter.write(EnvelopeTreeWriter.tree(envelope));
    }

    /** The msgpack bytes Node would store as the attachment of this message. */
    public byte[] encodeMsgpack(Envelope envelope) {
        return MsgpackTreeWriter.write(EnvelopeTreeWriter.tree(envelope));
    }

    /**
     * The notification payload that carries an attachment inline, for a transport without a blob store:
     * {@code {"uid","type","nsp","seq","msgpack":"<base64 of the envelope's msgpack>"}}. Only sio-cluster nodes read
     * it; Node's postgres adapter never shares such a bus.
     */
    public String encodeEmbedded(AttachmentPayload attachment) {
        Envelope envelope = attachment.envelope();
        return JsonTextWriter.write(EnvelopeTreeWriter.embedded(envelope.uid(), envelope.type(), envelope.nsp(),
                envelope.seq(), java.util.Base64.getEncoder().encodeToString(attachment.msgpack())));
    }

    /** The notification payload that announces an attachment. */
    public String encodeHeader(AttachmentHeader header) {
        return JsonTextWriter.write(
                EnvelopeTreeWriter.header(header.uid(), header.type(), header.attachmentId(), header.nsp(), header.seq()));
    }

    // ---- decoding ------------------------------------------------------------------------------

    /**
     * Reads one notification payload: a whole message, or the header of an attachment.
     *
     * @param channelNamespace the namespace of the channel it came on, used when the payload has no
     *        {@code nsp} (the Node emitter, Node's attachment headers)
     */
    public InboundNotification decodeNotification(String payload, String channelNamespace)
            throws MessageDecodeException {
        try {
            checkSize(payload);
            FrozenMap root = jsonReader.readObject(payload);
            String embedded = EnvelopeTreeReader.embedded(root);
            if (embedded != null) {
                return new InlineNotification(decodeAttachment(base64(embedded), channelNamespace));
            }
            if (EnvelopeTreeReader.isAttachmentHeader(root)) {
                return EnvelopeTreeReader.header(root, channelNamespace);
            }
            return new InlineNotification(EnvelopeTreeReader.envelope(root, channelNamespace));
        } catch (RuntimeException | StackOverflowError e) {
            throw unexpected(e);
        }
    }

    /** Reads the msgpack bytes of an attachment: always a whole message. */
    public Envelope decodeAttachment(byte[] payload, String channelNamespace) throws MessageDecodeException {
        try {
            return EnvelopeTreeReader.envelope(msgpackReader.readObject(payload), channelNamespace);
        } catch (RuntimeException | StackOverflowError e) {
            throw unexpected(e);
        }
    }

    private static byte[] base64(String text) throws MessageDecodeException {
        try {
            return java.util.Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MessageDecodeException(Reason.MALFORMED, "'msgpack' is not base64: " + e.getMessage());
        }
    }

    private void checkSize(String payload) throws MessageDecodeException {
        int max = limits.maxPayloadBytes();
        // a char is at least one UTF-8 byte and at most three: count bytes only when it matters
        if (payload.length() > max
                || (payload.length() > max / 3 && MessagingLimits.utf8Length(payload) > max)) {
            throw new MessageDecodeException(Reason.LIMIT_EXCEEDED,
                    "payload over " + max + " bytes");
        }
    }

    // A value that passed the readers yet broke a message invariant, or a bug: still only a dropped payload.
    private static MessageDecodeException unexpected(Throwable e) {
        Reason reason = e instanceof StackOverflowError ? Reason.LIMIT_EXCEEDED : Reason.INVALID_MESSAGE;
        return new MessageDecodeException(reason, "rejected: " + e, null, e);
    }
}
