package io.siocluster.spi.error;

import org.jspecify.annotations.Nullable;

/**
 * The transport is not connected to its bus right now (or cannot take more work): the operation was not
 * carried out. Liveness reports when the connection is back.
 */
public class TransportUnavailableException extends TransientTransportException {

    public TransportUnavailableException(String message) {
        super(message);
    }

    public TransportUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
