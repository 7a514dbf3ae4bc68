package io.siocluster.spi.error;

import org.jspecify.annotations.Nullable;

/** A failure that retrying cannot fix: bad input, bad configuration, a closed transport. */
public class NonTransientTransportException extends TransportException {

    public NonTransientTransportException(String message) {
        this(message, null);
    }

    public NonTransientTransportException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    @Override
    public final boolean isTransient() {
        return false;
    }
}
