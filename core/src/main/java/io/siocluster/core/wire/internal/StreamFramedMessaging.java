package io.siocluster.core.wire.internal;

import io.siocluster.core.codec.AttachmentPayload;
import io.siocluster.core.codec.AttachmentPolicy;
import io.siocluster.core.codec.DecodeLimits;
import io.siocluster.core.codec.InlineNotification;
import io.siocluster.core.codec.InlinePayload;
import io.siocluster.core.codec.MessageDecodeException;
import io.siocluster.core.codec.OutboundMessage;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.codec.StreamEntryCodec;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.wire.EnvelopeMessaging;
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
 * The core's messages as Node redis-streams entries. Channel {@code <prefix>#<namespace>} is the stream
 * {@code <prefix>} plus the entry's {@code nsp}. Publishing writes the message's fields ({@link StreamEntryCodec});
 * reading hands each entry of the namespace over as its envelope. A node and an emitter use the envelopes
 * ({@link EnvelopeMessaging}); a channel text is decoded before it is written, and a listener of channel texts gets
 * each envelope as the text the core reads (JSON, or base64 msgpack inline when it holds binary). Texts that are no
 * message of the core's (a raw peer's test garbage, an attachment header) travel as an entry of two fields of their
 * own, {@value #RAW_NSP} and {@value #RAW}, which Node skips (no {@code nsp}) and Java nodes hand over unchanged. An
 * entry of the namespace that cannot be read is handed over as a text the core counts as malformed (its fields as
 * JSON strings), so the node's drop counters see it.
 *
 * <p>With pub/sub ({@link Messaging#pubSub()}), unnumbered requests go as Node sends them: msgpack on the public channel
 * {@code <prefix>#<nsp>#} ({@link PubSubChannels}), which a subscription to the namespace channel reads besides the
 * stream; a node's private route ({@link PubSubChannels#nodeRoute}, the core's responses, {@code WireRoutes}) is the
 * pub/sub channel {@code <prefix>#<nsp>#<uid>#}, for publishing and subscribing.
 */
final class StreamFramedMessaging implements EnvelopeMessaging {

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

    /** A channel text: the message it holds, framed as Node frames it; a text that holds none goes as it is. */
    @Override
    public CompletionStage<Void> publish(String channel, String payload) {
        Route route;
        try {
            route = route(channel);
        } catch (InvalidChannelNameException e) {
            return CompletableFuture.failedFuture(e);
        }
        try {
            if (codec.decodeNotification(payload, route.namespace()) instanceof InlineNotification inline) {
                return publishEnvelope(channel, inline.envelope());
            }
        } catch (MessageDecodeException e) {
            // no message of the core's: it travels as its text
        }
        return fields.publish(route.stream(), raw(route, payload));
    }

    /**
     * A node's response on its private pub/sub channel; with pub/sub, an unnumbered request on the public one; else
     * the message as a stream entry of Node's fields.
     */
    @Override
    public CompletionStage<Void> publishEnvelope(String channel, Envelope envelope) {
        Route route;
        Map<String, String> entry;
        try {
            route = route(channel);
            PubSubMessaging bytes = pubSub;
            if (bytes != null && PubSubChannels.isNodeRoute(channel)) {
                return bytes.publish(PubSubChannels.nodeChannel(channel), pubSubFraming.bytes(envelope)); // a response
            }
            // A numbered request belongs to the ordered stream: its user counts servers by heartbeats and numbers
            // requests (the core does so only without pub/sub routes, see WireRoutes), so keep it there.
            if (bytes != null && PubSubChannels.isRequest(envelope.message()) && envelope.seq() == Envelope.UNNUMBERED) {
                return bytes.publish(PubSubChannels.publicChannel(channel), pubSubFraming.bytes(envelope));
            }
            entry = entries.encode(envelope);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return fields.publish(route.stream(), entry);
    }

    @Override
    public Subscription subscribe(String channel, MessageListener listener) {
        return subscribeEnvelopes(channel, listener instanceof EnvelopeListener envelopes ? envelopes : asTexts(listener));
    }

    @Override
    public Subscription subscribeEnvelopes(String channel, EnvelopeListener listener) {
        PubSubMessaging bytes = pubSub;
        if (bytes != null && PubSubChannels.isNodeRoute(channel)) {
            String namespace = route(channel).namespace();
            String nodeChannel = PubSubChannels.nodeChannel(channel);
            return bytes.subscribe(nodeChannel, (name, payload) ->
                    pubSubFraming.deliver(nodeChannel, name, payload, namespace, listener));
        }
        Route route = Route.of(streamCount, channel);
        Subscription entrySubscription = fields.subscribe(route.stream(), new FieldMessaging.FieldListener() {
            @Override
            public void onEntry(String stream, Map<String, String> entry) {
                hand(channel, route, entry, listener, false);
            }

            @Override
            public boolean offerEntry(String stream, Map<String, String> entry) {
                return hand(channel, route, entry, listener, true);
            }
        });
        Subscription requests = bytes == null ? null : bytes.subscribe(PubSubChannels.publicChannel(channel),
                (name, payload) -> pubSubFraming.deliver(channel, name, payload, route.namespace(), listener));
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

    /** The route of a namespace channel, or of the namespace channel a node's private route belongs to. */
    private Route route(String channel) {
        return Route.of(streamCount, pubSub != null && PubSubChannels.isNodeRoute(channel)
                ? PubSubChannels.namespaceChannelOf(channel) : channel);
    }

    /**
     * Hands an entry of the namespace to the listener, offered ({@code offer}: false when the listener refused it) or
     * delivered; skips another namespace's (and entries that are no message).
     */
    private boolean hand(String channel, Route route, Map<String, String> entry, EnvelopeListener listener,
            boolean offer) {
        String raw = entry.get(RAW);
        if (raw != null) {
            return !route.namespace().equals(entry.get(RAW_NSP)) || text(channel, raw, listener, offer);
        }
        if (!route.namespace().equals(entry.get("nsp"))) {
            return true; // Node skips entries without nsp too
        }
        Envelope envelope;
        try {
            envelope = entries.decode(entry, route.namespace());
        } catch (MessageDecodeException | RuntimeException e) {
            boolean taken = text(channel, StreamEntryCodec.unreadable(entry), listener, offer);
            if (taken) { // a refused offer does nothing: the entry comes again, and is logged then
                LOG.debug("unreadable stream entry on {} for {}: {}", route.stream(), route.namespace(), e.toString());
            }
            return taken;
        }
        if (offer) {
            return listener.offerEnvelope(channel, envelope);
        }
        listener.onEnvelope(channel, envelope);
        return true;
    }

    private static boolean text(String channel, String text, MessageListener listener, boolean offer) {
        if (offer) {
            return listener.offer(channel, text);
        }
        listener.onMessage(channel, text);
        return true;
    }

    /**
     * A listener of channel texts: each envelope as the text the core would have published for it. Offers reach it
     * only when it takes offers at all (it overrides {@code offer}); else they are refused before any text is written.
     */
    private EnvelopeListener asTexts(MessageListener listener) {
        boolean takesOffers = overridesOffer(listener);
        return new EnvelopeListener() {
            @Override
            public void onEnvelope(String channel, Envelope envelope) {
                listener.onMessage(channel, text(envelope));
            }

            @Override
            public boolean offerEnvelope(String channel, Envelope envelope) {
                return takesOffers && listener.offer(channel, text(envelope));
            }

            @Override
            public void onMessage(String channel, String payload) {
                listener.onMessage(channel, payload);
            }

            @Override
            public boolean offer(String channel, String payload) {
                return takesOffers && listener.offer(channel, payload);
            }
        };
    }

    /** Whether {@code listener}'s class overrides {@link MessageListener#offer} (a lambda does not). */
    private static boolean overridesOffer(MessageListener listener) {
        try {
            return listener.getClass().getMethod("offer", String.class, String.class).getDeclaringClass()
                    != MessageListener.class;
        } catch (NoSuchMethodException | SecurityException e) {
            return true; // cannot tell: offer, and let the listener answer
        }
    }

    private String text(Envelope envelope) {
        OutboundMessage text = codec.encode(envelope);
        return text instanceof InlinePayload inline ? inline.json() : codec.encodeEmbedded((AttachmentPayload) text);
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
