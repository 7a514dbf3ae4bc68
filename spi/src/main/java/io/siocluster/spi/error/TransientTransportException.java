package io.siocluster.spi.error;

import org.jspecify.annotations.Nullable;

/** A failure that may go away: the bus is unreachable, a queue is full, a connection dropped. Retry later. */
public class TransientTransportException extends TransportException {

    public TransientTransportException(String message) {
        this(message, null);
    }

    public TransientTransportException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    @Override
    public final boolean isTransient() {
        return true;
    }
}
