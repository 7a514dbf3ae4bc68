package io.siocluster.core.wire.internal;

import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.ClusterMessage;
import io.siocluster.core.protocol.ClusterResponse;
import io.siocluster.core.protocol.FetchSockets;
import io.siocluster.core.protocol.ServerSideEmit;

/**
 * Node's redis-streams adapter's pub/sub names and choices ({@code RedisStreamsAdapter}): a namespace's public channel
 * {@code <channelPrefix>#<nsp>#} carries requests, the private channel {@code <channelPrefix>#<nsp>#<uid>#} a node's
 * responses, and {@code isEphemeral} picks what goes there rather than on the stream.
 */
public final class PubSubChannels {

    private static final char MARK = '\u0000';

    private PubSubChannels() {
    }

    /** {@code <prefix>#<nsp>#} for the namespace channel {@code <prefix>#<nsp>}. */
    public static String publicChannel(String channel) {
        return channel + "#";
    }

    /**
     * How the core names node {@code uid}'s private channel of the namespace channel {@code channel} when it publishes
     * or subscribes through the adapted messaging: the namespace channel, a mark, the uid. The adapted messaging turns
     * it into Node's {@code <prefix>#<nsp>#<uid>#} ({@link #nodeChannel}). Named apart rather than by Node's shape
     * because a namespace's own name may hold {@code #}: namespace {@code /#x#} has the channel {@code <prefix>#/#x#},
     * which is also namespace {@code /}'s private channel of uid {@code x}. The mark (U+0000) is no character of a
     * namespace name ({@link #isNodeRoute}).
     */
    public static String nodeRoute(String channel, String uid) {
        return channel + MARK + uid;
    }

    /** Whether {@code route} names a node's private channel ({@link #nodeRoute}) rather than a namespace channel. */
    static boolean isNodeRoute(String route) {
        return route.indexOf(MARK) >= 0;
    }

    /** The namespace channel of a {@link #nodeRoute}. */
    static String namespaceChannelOf(String route) {
        return route.substring(0, route.indexOf(MARK));
    }

    /** Node's name of a {@link #nodeRoute}: {@code <prefix>#<nsp>#<uid>#}. */
    static String nodeChannel(String route) {
        int mark = route.indexOf(MARK);
        return route.substring(0, mark) + "#" + route.substring(mark + 1) + "#";
    }

    /** Node's {@code isEphemeral}: a broadcast with acknowledgements, serverSideEmit and fetchSockets. */
    public static boolean isRequest(ClusterMessage message) {
        return (message instanceof Broadcast broadcast && broadcast.requestId() != null)
                || message instanceof ServerSideEmit || message instanceof FetchSockets;
    }

    /** Whether {@code message} travels over pub/sub: a request, or a response to one. */
    public static boolean travelsApart(ClusterMessage message) {
        return isRequest(message) || message instanceof ClusterResponse;
    }
}
