package io.siocluster.spi.error;

/** The transport was closed; it accepts no more work. */
public class TransportClosedException extends NonTransientTransportException {

    public TransportClosedException(String transportDescription) {
        super(transportDescription + " is closed");
    }
}
