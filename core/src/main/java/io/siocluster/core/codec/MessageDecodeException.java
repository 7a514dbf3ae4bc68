package io.siocluster.core.codec;

import org.jspecify.annotations.Nullable;

/**
 * A payload that cannot be turned into a message. The caller drops it and counts it by {@link #reason()};
 * nothing is retried, since the same bytes fail the same way. When the sender's uid could be read,
 * {@link #senderUid()} has it: Node counts any message from a uid, even one it cannot handle, as a sign
 * of life.
 *
 * <p>Carries no stack trace: a flood of bad payloads must not cost a stack walk each.
 */
public final class MessageDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a payload was refused. */
    public enum Reason {
        /** Not JSON, not msgpack, truncated, trailing bytes, or a root that is not an object. */
        MALFORMED,
        /** Deeper, longer or bigger than the {@link DecodeLimits}. */
        LIMIT_EXCEEDED,
        /** A well-formed message whose {@code type} this version does not know (Node ignores those too). */
        UNKNOWN_TYPE,
        /** A field missing or of the wrong type for the message type. */
        INVALID_MESSAGE
    }

    private final Reason reason;
    private final @Nullable String senderUid;

    public MessageDecodeException(Reason reason, String message, @Nullable String senderUid, @Nullable Throwable cause) {
        super(reason + ": " + message, cause, false, false);
        this.reason = reason;
        this.senderUid = senderUid;
    }

    public MessageDecodeException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The sender's uid, when the payload got far enough to show it. */
    public @Nullable String senderUid() {
        return senderUid;
    }
}
