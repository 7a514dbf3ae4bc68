package io.siocluster.core.codec;

import io.siocluster.core.protocol.Envelope;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message that travels as an attachment: its whole envelope as msgpack, to store in the blob store, and
 * the header to publish once the store has given an id.
 */
public final class AttachmentPayload implements OutboundMessage {

    private final Envelope envelope;
    private final byte[] msgpack;
    private final AttachmentReason reason;

    public AttachmentPayload(Envelope envelope, byte[] msgpack, AttachmentReason reason) {
        this.envelope = Objects.requireNonNull(envelope, "envelope");
        this.msgpack = Objects.requireNonNull(msgpack, "msgpack");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Envelope envelope() {
        return envelope;
    }

    /**
     * The msgpack bytes to store. Not copied (attachments can be large): do not modify them.
     */
    public byte[] msgpack() {
        return msgpack;
    }

    public AttachmentReason reason() {
        return reason;
    }

    /** The header that announces this attachment once stored under {@code attachmentId}. */
    public AttachmentHeader header(String attachmentId) {
        return new AttachmentHeader(envelope.uid(), envelope.type(), attachmentId, envelope.nsp(), envelope.seq());
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof AttachmentPayload that
                && envelope.equals(that.envelope)
                && Arrays.equals(msgpack, that.msgpack)
                && reason == that.reason;
    }

    @Override
    public int hashCode() {
        return Objects.hash(envelope, Arrays.hashCode(msgpack), reason);
    }

    @Override
    public String toString() {
        return "AttachmentPayload[" + envelope.type() + " from " + envelope.uid() + ", " + msgpack.length
                + " bytes, " + reason + "]";
    }
}
