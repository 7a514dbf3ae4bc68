package io.siocluster.core.codec;

import io.siocluster.core.protocol.Envelope;
import java.util.Objects;

/** A notification that carried its whole message as JSON. */
public record InlineNotification(Envelope envelope) implements InboundNotification {

    public InlineNotification {
        Objects.requireNonNull(envelope, "envelope");
    }

    @Override
    public String uid() {
        return envelope.uid();
    }

    @Override
    public long seq() {
        return envelope.seq();
    }
}
