package io.siocluster.core.codec;

import io.siocluster.core.protocol.Envelope;

/**
 * An encoded message ready to publish: either {@link InlinePayload}, published as it is, or
 * {@link AttachmentPayload}, whose bytes go to the blob store first and whose
 * {@link AttachmentPayload#header header} is published after.
 */
public sealed interface OutboundMessage permits InlinePayload, AttachmentPayload {

    /** The message that was encoded. */
    Envelope envelope();
}
