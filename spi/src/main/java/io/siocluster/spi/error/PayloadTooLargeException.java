package io.siocluster.spi.error;

/** A payload is larger than the transport's inline limit; nothing was published. Store it as a blob instead. */
public class PayloadTooLargeException extends NonTransientTransportException {

    private final int payloadBytes;
    private final int maxPayloadBytes;

    public PayloadTooLargeException(int payloadBytes, int maxPayloadBytes) {
        super("payload of " + payloadBytes + " UTF-8 bytes exceeds the transport's limit of "
                + maxPayloadBytes + " bytes");
        this.payloadBytes = payloadBytes;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public int payloadBytes() {
        return payloadBytes;
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }
}
