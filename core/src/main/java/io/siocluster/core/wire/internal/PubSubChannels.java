package io.siocluster.core.wire.internal;

import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.ClusterMessage;
import io.siocluster.core.protocol.ClusterResponse;
import io.siocluster.core.protocol.FetchSockets;
import io.siocluster.core.protocol.ServerSideEmit;
import org.jspecify.annotations.Nullable;

/**
 * Node's redis-streams adapter's pub/sub names and choices ({@code RedisStreamsAdapter}): a namespace's public channel
 * {@code <channelPrefix>#<nsp>#} carries requests, the private channel {@code <channelPrefix>#<nsp>#<uid>#} a node's
 * responses, and {@code isEphemeral} picks what goes there rather than on the stream.
 */
public final class PubSubChannels {

    private PubSubChannels() {
    }

    /** {@code <prefix>#<nsp>#} for the namespace channel {@code <prefix>#<nsp>}. */
    public static String publicChannel(String channel) {
        return channel + "#";
    }

    /** {@code <prefix>#<nsp>#<uid>#}: where the node {@code uid} gets its responses. */
    public static String privateChannel(String channel, String uid) {
        return channel + "#" + uid + "#";
    }

    /** The namespace channel a private channel belongs to, or null when {@code channel} is none. */
    static @Nullable String namespaceChannelOf(String channel) {
        if (!channel.endsWith("#") || channel.indexOf("#/") < 1) {
            return null;
        }
        int cut = channel.lastIndexOf('#', channel.length() - 2);
        return cut > channel.indexOf("#/") ? channel.substring(0, cut) : null;
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
