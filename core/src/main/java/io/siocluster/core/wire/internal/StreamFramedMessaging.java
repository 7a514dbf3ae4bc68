package io.siocluster.core.wire.internal;

import io.siocluster.core.codec.AttachmentPayload;
import io.siocluster.core.codec.AttachmentPolicy;
import io.siocluster.core.codec.DecodeLimits;
import io.siocluster.core.codec.InboundNotification;
import io.siocluster.core.codec.InlineNotification;
import io.siocluster.core.codec.InlinePayload;
import io.siocluster.core.codec.MessageDecodeException;
import io.siocluster.core.codec.OutboundMessage;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.codec.StreamEntryCodec;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.spi.error.InvalidChannelNameException;
import io.siocluster.spi.messaging.DeliveryGuarantee;
import io.siocluster.spi.messaging.FieldMessaging;
import io.siocluster.spi.messaging.MessageListener;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.messaging.MessagingLimits;
import io.siocluster.spi.messaging.PubSubMessaging;
import io.siocluster.spi.messaging.Subscription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's channel texts as Node redis-streams entries. Channel {@code <prefix>#<namespace>} is the stream
 * {@code <prefix>} plus the entry's {@code nsp}. Publishing decodes the text the core made and writes the message's
 * fields ({@link StreamEntryCodec}); reading turns each entry of the namespace back into the text the core reads
 * (JSON, or base64 msgpack inline when it holds binary). Texts that are no message of the core's (a raw peer's test
 * garbage, an attachment header) travel as an entry of two fields of their own, {@value #RAW_NSP} and
 * {@value #RAW}, which Node skips (no {@code nsp}) and Java nodes hand over unchanged. An entry of the namespace that
 * cannot be read is handed over as a text the core counts as malformed (its fields as JSON strings), so the node's
 * drop counters see it.
 *
 * <p>With pub/sub ({@link Messaging#pubSub()}), unnumbered requests go as Node sends them: msgpack on the public channel
 * {@code <prefix>#<nsp>#} ({@link PubSubChannels}), which a subscription to the namespace channel reads besides the
 * stream; a node's private route ({@link PubSubChannels#nodeRoute}, the core's responses, {@code WireRoutes}) is the
 * pub/sub channel {@code <prefix>#<nsp>#<uid>#}, for publishing and subscribing.
 */
final class StreamFramedMessaging implements Messaging {

    private static final Logger LOG = LoggerFactory.getLogger(StreamFramedMessaging.class);
    static final String RAW = "sio-text";
    static final String RAW_NSP = "sio-text-nsp";

    private final Messaging delegate;
    private final FieldMessaging fields;
    private final StreamEntryCodec entries = new StreamEntryCodec(DecodeLimits.DEFAULT);
    private final ProtocolCodec codec;
    private final @Nullable PubSubMessaging pubSub;
    private final PubSubFraming pubSubFraming;
    private final int streamCount;

    StreamFramedMessaging(Messaging delegate, FieldMessaging fields, @Nullable PubSubMessaging pubSub, int streamCount) {
        this.delegate = delegate;
        this.streamCount = streamCount;
        this.fields = fields;
        this.pubSub = pubSub;
        // Texts handed to the core: inline JSON unless binary (then base64 msgpack inline, never a blob store's id).
        this.codec = ProtocolCodec.create(new AttachmentPolicy(Integer.MAX_VALUE), DecodeLimits.DEFAULT);
        this.pubSubFraming = new PubSubFraming(codec);
    }

    @Override
    public MessagingLimits limits() {
        return delegate.limits();
    }

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return delegate.deliveryGuarantee();
    }

    @Override
    public Optional<FieldMessaging> fields() {
        return Optional.of(fields);
    }

    @Override
    public Optional<PubSubMessaging> pubSub() {
        return Optional.ofNullable(pubSub);
    }

    @Override
    public CompletionStage<Void> publish(String channel, String payload) {
        PubSubMessaging bytes = pubSub;
        String owner = bytes != null && PubSubChannels.isNodeRoute(channel) ? PubSubChannels.namespaceChannelOf(channel) : null;
        Route route;
        try {
            route = Route.of(streamCount, owner != null ? owner : channel);
        } catch (InvalidChannelNameException e) {
            return CompletableFuture.failedFuture(e);
        }
        Map<String, String> entry;
        try {
            InboundNotification notification = codec.decodeNotification(payload, route.namespace());
            if (notification instanceof InlineNotification inline) {
                if (bytes != null && owner != null) {
                    return bytes.publish(PubSubChannels.nodeChannel(channel), pubSubFraming.bytes(inline.envelope())); // a response
                }
                // A numbered request belongs to the ordered stream: its user counts servers by heartbeats and numbers
                // requests (the core does so only without pub/sub routes, see WireRoutes), so keep it there.
                if (bytes != null && PubSubChannels.isRequest(inline.envelope().message())
                        && inline.envelope().seq() == Envelope.UNNUMBERED) {
                    return bytes.publish(PubSubChannels.publicChannel(channel), pubSubFraming.bytes(inline.envelope()));
                }
                entry = entries.encode(inline.envelope());
            } else {
                entry = raw(route, payload);
            }
        } catch (MessageDecodeException e) {
            entry = raw(route, payload);
        }
        return fields.publish(route.stream(), entry);
    }

    @Override
    public Subscription subscribe(String channel, MessageListener listener) {
        PubSubMessaging bytes = pubSub;
        if (bytes != null && PubSubChannels.isNodeRoute(channel)) {
            String namespace = Route.of(streamCount, PubSubChannels.namespaceChannelOf(channel)).namespace();
            String nodeChannel = PubSubChannels.nodeChannel(channel);
            return bytes.subscribe(nodeChannel, (name, payload) ->
                    listener.onMessage(nodeChannel, pubSubFraming.text(name, payload, namespace)));
        }
        Route route = Route.of(streamCount, channel);
        Subscription entrySubscription = fields.subscribe(route.stream(), (stream, entry) -> {
            String text = text(route, entry);
            if (text != null) {
                listener.onMessage(channel, text);
            }
        });
        Subscription requests = bytes == null ? null : bytes.subscribe(PubSubChannels.publicChannel(channel),
                (name, payload) -> listener.onMessage(channel, pubSubFraming.text(name, payload, route.namespace())));
        return new Subscription() {
            @Override
            public String channel() {
                return channel;
            }

            @Override
            public CompletionStage<Void> ready() {
                return requests == null ? entrySubscription.ready()
                        : entrySubscription.ready().thenCombine(requests.ready(), (a, b) -> null);
            }

            @Override
            public void close() {
                entrySubscription.close();
                if (requests != null) {
                    requests.close();
                }
            }
        };
    }

    /** The text the core reads for this entry, or null when the entry is another namespace's (or no message). */
    private @Nullable String text(Route route, Map<String, String> entry) {
        String raw = entry.get(RAW);
        if (raw != null) {
            return route.namespace().equals(entry.get(RAW_NSP)) ? raw : null;
        }
        if (!route.namespace().equals(entry.get("nsp"))) {
            return null; // Node skips entries without nsp too
        }
        try {
            Envelope envelope = entries.decode(entry, route.namespace());
            OutboundMessage text = codec.encode(envelope);
            return text instanceof InlinePayload inline ? inline.json() : codec.encodeEmbedded((AttachmentPayload) text);
        } catch (MessageDecodeException | RuntimeException e) {
            LOG.debug("unreadable stream entry on {} for {}: {}", route.stream(), route.namespace(), e.toString());
            return StreamEntryCodec.unreadable(entry);
        }
    }

    private static Map<String, String> raw(Route route, String payload) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(RAW_NSP, route.namespace());
        entry.put(RAW, payload);
        return entry;
    }

    /**
     * Channel {@code <prefix>#/<name>}: namespace {@code /<name>} on stream {@code <prefix>}, or with more than one
     * stream on {@code <prefix>-<i>}, {@code i} = the namespace's hash modulo the count, as Node's
     * {@code computeStreamName}: its {@code hashCode} (31 * h + UTF-16 unit, 32-bit) is Java's {@code String.hashCode},
     * and its {@code %} keeps a negative hash's sign as Java's does.
     */
    record Route(String stream, String namespace) {

        static Route of(int streamCount, String channel) {
            int at = channel.indexOf("#/");
            if (at < 1) {
                throw new InvalidChannelNameException("channel '" + channel + "' is not <prefix>#<namespace>: the"
                        + " REDIS_STREAMS wire format needs one to name the stream and the namespace");
            }
            String prefix = channel.substring(0, at);
            String namespace = channel.substring(at + 1);
            return new Route(streamCount == 1 ? prefix : prefix + "-" + namespace.hashCode() % streamCount, namespace);
        }
    }
}
