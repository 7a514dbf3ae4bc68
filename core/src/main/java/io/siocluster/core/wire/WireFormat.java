package io.siocluster.core.wire;

/** How a node frames its cluster messages on the bus; every node and emitter of one cluster must use the same. */
public enum WireFormat {

    /**
     * One text per message on the namespace's channel {@code <channelPrefix>#<namespace>}: JSON, or for large and
     * binary messages an attachment header (or base64 msgpack inline where the transport has no blob store).
     * {@code @socket.io/postgres-adapter}'s format; works on every transport. The default.
     */
    CHANNEL_TEXT,

    /**
     * {@code @socket.io/redis-streams-adapter} 0.3.1's durable framing: every namespace's messages as entries of one
     * stream named {@code <channelPrefix>} (Node's {@code streamName}, default {@code socket.io}) with the fields
     * {@code uid}, {@code nsp}, {@code type} and {@code data} (JSON, or base64 msgpack when it holds binary), plus
     * {@code seq}. Needs a transport with field messaging ({@link io.siocluster.spi.messaging.Messaging#fields()}:
     * the Redis transport). Where the transport also offers pub/sub ({@link io.siocluster.spi.messaging.Messaging#pubSub()},
     * Redis does), requests (broadcasts with acks, serverSideEmit, fetchSockets) go as Node's msgpack on
     * {@code <channelPrefix>#<nsp>#}, responses on the requester's {@code <channelPrefix>#<nsp>#<uid>#}, and servers
     * are counted as Node counts them, the subscribers of the first channel ({@link WireRoutes}); Node's
     * {@code channelPrefix} must then equal its {@code streamName}. Without pub/sub, requests and responses travel on
     * the stream and peers are counted by heartbeats, so a mixed cluster's requests reach only Java nodes.
     */
    REDIS_STREAMS
}
