package io.siocluster.core.codec;

/**
 * What one notification on a channel holds: a whole message ({@link InlineNotification}) or the header
 * of a message stored as an attachment ({@link AttachmentHeader}), to be fetched from the blob store and
 * decoded with {@link ProtocolCodec#decodeAttachment}.
 */
public sealed interface InboundNotification permits InlineNotification, AttachmentHeader {

    /** The sender's uid: lets a node skip its own messages, and its own attachments without fetching them. */
    String uid();

    /** The sender's number of the message, {@link io.siocluster.core.protocol.Envelope#UNNUMBERED} when none. */
    long seq();
}
