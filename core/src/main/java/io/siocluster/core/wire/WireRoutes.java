package io.siocluster.core.wire;

import io.siocluster.core.protocol.ClusterMessage;
import io.siocluster.core.wire.internal.PubSubChannels;
import io.siocluster.spi.messaging.PubSubMessaging;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * What a node's namespaces must know of their wire format beyond the namespace channel: where a response goes, which
 * other channel a node listens on, which messages are numbered, and how servers are counted. Made by
 * {@link Wires#routes}; immutable, thread-safe.
 *
 * <p>{@link WireFormat#CHANNEL_TEXT} (and {@link WireFormat#REDIS_STREAMS} over a transport without pub/sub): every
 * message on the namespace channel, peers counted by heartbeats. {@link WireFormat#REDIS_STREAMS} with pub/sub, as
 * Node's redis-streams adapter: requests on {@code <prefix>#<nsp>#}, responses on the requester's
 * {@code <prefix>#<nsp>#<uid>#}, both unnumbered (they do not travel with the ordered stream, whose numbers count
 * what a peer missed), and the servers are the subscribers of the first channel.
 */
public final class WireRoutes {

    private static final WireRoutes CHANNELS = new WireRoutes(null);

    private final @Nullable PubSubMessaging pubSub;

    private WireRoutes(@Nullable PubSubMessaging pubSub) {
        this.pubSub = pubSub;
    }

    /** Everything on the namespace channel, servers counted by heartbeats. */
    public static WireRoutes channelsOnly() {
        return CHANNELS;
    }

    static WireRoutes pubSub(PubSubMessaging pubSub) {
        return new WireRoutes(pubSub);
    }

    /** Whether servers are counted by the bus ({@link #serverCount}) rather than by heartbeats. */
    public boolean countsServers() {
        return pubSub != null;
    }

    /** Whether {@code message} gets a sequence number: only what travels on the namespace's ordered channel. */
    public boolean numbered(ClusterMessage message) {
        return pubSub == null || !PubSubChannels.travelsApart(message);
    }

    /**
     * The channel a response to {@code requesterUid}'s request is published on: the namespace channel, or with pub/sub
     * the requester's private route, which only the adapted messaging ({@link Wires#adapt}) reads.
     */
    public String responseChannel(String channel, String requesterUid) {
        return pubSub == null ? channel : PubSubChannels.nodeRoute(channel, requesterUid);
    }

    /**
     * The channel besides the namespace channel on which the node {@code uid} receives responses, if any: with pub/sub
     * a private route of the adapted messaging ({@link Wires#adapt}), Node's {@code <prefix>#<nsp>#<uid>#} on the bus.
     */
    public Optional<String> privateChannel(String channel, String uid) {
        return pubSub == null ? Optional.empty() : Optional.of(PubSubChannels.nodeRoute(channel, uid));
    }

    /**
     * The servers of the namespace, this one included, as Node counts them: {@code PUBSUB NUMSUB <prefix>#<nsp>#}.
     * Only when {@link #countsServers()}; fails as the transport's count does (down, closed).
     */
    public CompletionStage<Long> serverCount(String channel) {
        if (pubSub == null) {
            throw new IllegalStateException("servers are counted by heartbeats on this wire");
        }
        return pubSub.subscriberCount(PubSubChannels.publicChannel(channel));
    }
}
