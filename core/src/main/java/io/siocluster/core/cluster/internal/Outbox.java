package io.siocluster.core.cluster.internal;

import io.siocluster.core.codec.AttachmentHeader;
import io.siocluster.core.codec.AttachmentPayload;
import io.siocluster.core.codec.InlinePayload;
import io.siocluster.core.codec.OutboundMessage;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.wire.EnvelopeMessaging;
import io.siocluster.spi.Transport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Encodes a sender's messages and publishes them in order: inline JSON straight to the channel, larger or
 * binary ones to the blob store first and then their header. Over a transport without a blob store, binary
 * messages go inline as base64 msgpack and size sends nothing aside. A wire format that frames messages itself
 * ({@link EnvelopeMessaging}) gets the envelope. One outbox per sender uid.
 */
public final class Outbox {

    private final Transport transport;
    private final ProtocolCodec codec;
    private final OrderedPublisher publisher;

    /** With the default bound ({@link OrderedPublisher#DEFAULT_CAPACITY}, refusing when full). */
    public Outbox(Transport transport, ProtocolCodec codec) {
        this(transport, codec, new OrderedPublisher());
    }

    /** @param publisher keeps the order behind blobs being stored, with its bound and overload policy */
    public Outbox(Transport transport, ProtocolCodec codec, OrderedPublisher publisher) {
        this.transport = transport;
        this.codec = codec;
        this.publisher = publisher;
    }

    /** Completes when the message (or its header) is published; fails with the encoder's or transport's error. */
    public CompletionStage<Void> send(String channel, Envelope envelope) {
        if (transport.messaging() instanceof EnvelopeMessaging framed) {
            return publisher.publish(() -> framed.publishEnvelope(channel, envelope)); // the wire format encodes it
        }
        OutboundMessage encoded;
        try {
            encoded = codec.encode(envelope);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (encoded instanceof InlinePayload inline) {
            return publisher.publish(() -> transport.messaging().publish(channel, inline.json()));
        }
        AttachmentPayload attachment = (AttachmentPayload) encoded;
        if (transport.blobStore().isEmpty()) {
            return publisher.publish(() -> transport.messaging().publish(channel, codec.encodeEmbedded(attachment)));
        }
        // The header is made from a template, so a message waiting behind a slow blob does not keep its bytes.
        AttachmentHeader template = attachment.header("pending");
        return publisher.publishAfter(() -> transport.blobStore().orElseThrow().put(attachment.msgpack()),
                id -> transport.messaging().publish(channel, codec.encodeHeader(new AttachmentHeader(template.uid(),
                        template.type(), id, template.nsp(), template.seq()))));
    }
}
