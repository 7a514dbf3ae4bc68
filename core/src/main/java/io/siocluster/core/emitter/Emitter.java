package io.siocluster.core.emitter;

import io.siocluster.core.wire.Wires;
import io.siocluster.core.cluster.internal.Outbox;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.protocol.BroadcastFlags;
import io.siocluster.core.protocol.ChannelNames;
import io.siocluster.core.protocol.ClusterMessage;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.spi.Transport;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Sends to the clients of a Socket.IO cluster without being a member of it. Messages carry the uid
 * {@code "emitter"}, which no node counts as a peer, and always name their namespace (unlike the Node
 * emitter 0.1.1, whose messages the Node adapter 0.5.0 therefore ignores). Large and binary payloads travel
 * as a node's do (through the blob store, or inline where the transport has none). A failed publish fails the returned stage; nothing is retried.
 *
 * <pre>{@code
 * Emitter emitter = Emitter.create(transport, EmitterOptions.builder().channelPrefix("my-app").build());
 * emitter.to("room-42").except("muted").emit("news", Map.of("title", "hello"));
 * emitter.of("/admin").socketsJoin("audit");
 * }</pre>
 *
 * Immutable and thread-safe; the transport stays the caller's to close.
 */
public final class Emitter {

    private final Transport transport;
    private final String channelPrefix;
    private final String namespace;
    private final String channel;
    private final Outbox outbox;

    private Emitter(Transport transport, String channelPrefix, String namespace, Outbox outbox) {
        this.transport = transport;
        this.channelPrefix = channelPrefix;
        this.namespace = ChannelNames.wireNamespace(namespace);
        this.channel = ChannelNames.channel(channelPrefix, this.namespace, transport.messaging().limits());
        this.outbox = outbox;
    }

    /** An emitter for the default namespace with Node's defaults (prefix {@code socket.io}, threshold 8000). */
    public static Emitter create(Transport transport) {
        return create(transport, EmitterOptions.defaults());
    }

    /** An emitter for the default namespace with the cluster's channel prefix and payload threshold. */
    public static Emitter create(Transport transport, EmitterOptions options) {
        Transport framed = Wires.adapt(transport, options.wireFormat(), options.streamCount());
        ProtocolCodec codec = ProtocolCodec.forTransport(options.payloadThreshold(), framed);
        return new Emitter(framed, options.channelPrefix(), ChannelNames.DEFAULT_NAMESPACE, new Outbox(framed, codec));
    }

    /**
     * An emitter with the cluster's channel prefix and payload threshold.
     *
     * @deprecated positional options do not grow: use {@link #create(Transport, EmitterOptions)}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static Emitter create(Transport transport, String channelPrefix, int payloadThreshold) {
        return create(transport, EmitterOptions.builder().channelPrefix(channelPrefix).payloadThreshold(payloadThreshold).build());
    }

    /** The same emitter for another namespace ({@code "chat"} and {@code "/chat"} are the same). */
    public Emitter of(String namespace) {
        return new Emitter(transport, channelPrefix, namespace, outbox);
    }

    public String namespace() {
        return namespace;
    }

    /** Targets the sockets in {@code rooms} (any of them). */
    public EmitterOperator to(String... rooms) {
        return operator().to(rooms);
    }

    /** Same as {@link #to(String...)}. */
    public EmitterOperator in(String... rooms) {
        return to(rooms);
    }

    /** Leaves out the sockets in {@code rooms}. */
    public EmitterOperator except(String... rooms) {
        return operator().except(rooms);
    }

    /** The event may be dropped for clients that are not ready to receive it. */
    public EmitterOperator volatileFlag() {
        return operator().volatileFlag();
    }

    public EmitterOperator compress(boolean compress) {
        return operator().compress(compress);
    }

    /** Sends an event to every socket of the namespace. */
    public CompletionStage<Void> emit(String event, @Nullable Object... args) {
        return operator().emit(event, args);
    }

    public CompletionStage<Void> socketsJoin(String... rooms) {
        return operator().socketsJoin(rooms);
    }

    public CompletionStage<Void> socketsLeave(String... rooms) {
        return operator().socketsLeave(rooms);
    }

    public CompletionStage<Void> disconnectSockets(boolean close) {
        return operator().disconnectSockets(close);
    }

    /** Sends an event to the servers' server-side handlers (no acknowledgements: an emitter is no member). */
    public CompletionStage<Void> serverSideEmit(String event, @Nullable Object... args) {
        return operator().serverSideEmit(event, args);
    }

    private EmitterOperator operator() {
        return new EmitterOperator(this, List.of(), List.of(), BroadcastFlags.NONE);
    }

    CompletionStage<Void> send(ClusterMessage message) {
        return outbox.send(channel, new Envelope(Envelope.EMITTER_UID, namespace, message));
    }
}
