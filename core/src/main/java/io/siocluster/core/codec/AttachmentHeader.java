package io.siocluster.core.codec;

import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.MessageType;
import java.util.Objects;

/**
 * The notification that announces an attachment: {@code {"uid","type","attachmentId","nsp"}}.
 * Node 0.5.0 sends {@code {"uid","type","attachmentId"}} with the id as a JSON string (PostgreSQL's
 * bigserial as text) and no {@code nsp}; the decoder accepts the id as a string or a whole number and takes
 * a missing {@code nsp} from the channel. Headers are written with {@code nsp} so that Node recognises its
 * own headers without fetching.
 *
 * @param attachmentId the blob store id, opaque
 * @param seq the sender's number of the message ({@link Envelope#seq}), written as {@code "seq"} after
 *        {@code nsp} when numbered: receivers count it as arrived even when the fetch fails
 */
public record AttachmentHeader(String uid, MessageType type, String attachmentId, String nsp, long seq)
        implements InboundNotification {

    /** The header of a message its sender did not number (Node, emitters). */
    public AttachmentHeader(String uid, MessageType type, String attachmentId, String nsp) {
        this(uid, type, attachmentId, nsp, Envelope.UNNUMBERED);
    }

    public AttachmentHeader {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(attachmentId, "attachmentId");
        Objects.requireNonNull(nsp, "nsp");
        if (attachmentId.isEmpty()) {
            throw new IllegalArgumentException("attachmentId must not be empty");
        }
        if (seq < 0 || seq > Envelope.MAX_SEQ) {
            throw new IllegalArgumentException("seq must be from 0 to " + Envelope.MAX_SEQ + ": " + seq);
        }
    }
}
