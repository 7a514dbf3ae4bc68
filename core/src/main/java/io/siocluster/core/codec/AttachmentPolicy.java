package io.siocluster.core.codec;

import io.siocluster.core.codec.internal.BinaryScan;
import io.siocluster.core.protocol.Envelope;

/**
 * Decides whether a message goes inline (its JSON in the notification) or as an attachment (msgpack in
 * the blob store, a small header in the notification).
 *
 * <p>Node 0.5.0 sends a message as an attachment when its JSON is longer than {@code payloadThreshold}
 * UTF-8 bytes ({@code >}), so a payload of exactly 8000 bytes goes inline and PostgreSQL, which takes
 * fewer than 8000, refuses it. Here the comparison is {@code >=}. Node looks for binary only in
 * BROADCAST, SERVER_SIDE_EMIT, SERVER_SIDE_EMIT_RESPONSE and BROADCAST_ACK and applies the size rule to
 * every type; here both rules apply to every type, because a {@code byte[]} has no JSON form (Node turns
 * a Buffer elsewhere into {@code {"type":"Buffer","data":[...]}}), and Node reads an attachment of any
 * type.
 *
 * @param payloadThreshold JSON payloads of this many UTF-8 bytes or more become attachments
 */
public record AttachmentPolicy(int payloadThreshold) {

    /** The Node adapter's default {@code payloadThreshold}. */
    public static final int DEFAULT_PAYLOAD_THRESHOLD = 8000;

    public static final AttachmentPolicy DEFAULT = new AttachmentPolicy(DEFAULT_PAYLOAD_THRESHOLD);

    public AttachmentPolicy {
        requireValidThreshold(payloadThreshold);
    }

    /**
     * Returns {@code payloadThreshold} when it is at least 1, the check node and emitter options share.
     *
     * @throws IllegalArgumentException naming {@code payloadThreshold}
     */
    public static int requireValidThreshold(int payloadThreshold) {
        if (payloadThreshold < 1) {
            throw new IllegalArgumentException("payloadThreshold must be at least 1, got " + payloadThreshold);
        }
        return payloadThreshold;
    }

    /** Whether the message holds a {@code byte[]} anywhere, at any depth. */
    public static boolean holdsBinary(Envelope envelope) {
        return BinaryScan.holdsBinary(envelope.message());
    }

    /** Whether JSON of this many UTF-8 bytes must go as an attachment. */
    public boolean tooLargeForInline(int jsonUtf8Bytes) {
        return jsonUtf8Bytes >= payloadThreshold;
    }
}
