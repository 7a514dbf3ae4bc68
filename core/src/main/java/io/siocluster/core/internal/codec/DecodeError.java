package io.siocluster.core.internal.codec;

import org.jspecify.annotations.Nullable;

/**
 * Why the machinery refused a payload. {@code ProtocolCodec} turns it into the public
 * {@code MessageDecodeException}; it lives here so that this package does not depend on the API package
 * that depends on it.
 */
public final class DecodeError extends Exception {

    private static final long serialVersionUID = 1L;

    /** Mirrors {@code MessageDecodeException.Reason}. */
    public enum Kind {
        MALFORMED,
        LIMIT_EXCEEDED,
        UNKNOWN_TYPE,
        INVALID_MESSAGE
    }

    private final Kind kind;
    private final @Nullable String senderUid;

    DecodeError(Kind kind, String message, @Nullable String senderUid, @Nullable Throwable cause) {
        super(message, cause, false, false); // dropped payloads are counted, not debugged by stack
        this.kind = kind;
        this.senderUid = senderUid;
    }

    DecodeError(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public Kind kind() {
        return kind;
    }

    public @Nullable String senderUid() {
        return senderUid;
    }
}
