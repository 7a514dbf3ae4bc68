package io.siocluster.spi.error;

import org.jspecify.annotations.Nullable;

/**
 * Configuration that cannot work: a missing or mistyped option, an unknown provider name, several
 * providers and no name. The message names the option or lists the providers found.
 */
public class TransportConfigurationException extends NonTransientTransportException {

    public TransportConfigurationException(String message) {
        super(message);
    }

    public TransportConfigurationException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
