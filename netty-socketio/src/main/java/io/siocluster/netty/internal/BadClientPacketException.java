package io.siocluster.netty.internal;

import java.io.IOException;

/**
 * A packet a client sent that the server refuses (malformed, or over a limit); the connection is closed. Its
 * message names the rule that was broken and never holds the client's bytes, so it is safe to log.
 */
public final class BadClientPacketException extends IOException {

    private static final long serialVersionUID = 1L;

    public BadClientPacketException(String rule) {
        super(rule);
    }

    /** No stack trace: the cause is the client's input, not a code path worth printing. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
