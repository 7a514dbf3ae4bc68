package io.siocluster.core.codec;

import io.siocluster.core.protocol.Envelope;
import java.util.Objects;

/**
 * A message whose JSON fits in a notification.
 *
 * @param json the notification payload, fewer UTF-8 bytes than the payload threshold
 */
public record InlinePayload(Envelope envelope, String json) implements OutboundMessage {

    public InlinePayload {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(json, "json");
    }
}
