package io.siocluster.core.codec;

/** Why a message travels as an attachment rather than inline. */
public enum AttachmentReason {
    /** It holds a {@code byte[]} somewhere, which JSON cannot carry. */
    BINARY,
    /** Its JSON is at least the payload threshold in UTF-8 bytes. */
    SIZE
}
