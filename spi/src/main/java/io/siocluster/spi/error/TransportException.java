package io.siocluster.spi.error;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception a transport reports. Callers decide what to do by the subclass: a
 * {@link TransientTransportException} may succeed when retried, a {@link NonTransientTransportException}
 * will not.
 */
public abstract class TransportException extends RuntimeException {

    protected TransportException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /** Whether retrying the same operation later can succeed. */
    public abstract boolean isTransient();
}
