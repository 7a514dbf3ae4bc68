package io.siocluster.core.protocol;

/**
 * The body of one cluster message: one record per {@link MessageType}. The sender's uid and the
 * namespace travel beside it in the {@link Envelope}.
 */
public sealed interface ClusterMessage
        permits InitialHeartbeat, Heartbeat, Broadcast, SocketsJoin, SocketsLeave, DisconnectSockets,
        FetchSockets, ServerSideEmit, AdapterClose, ClusterResponse {

    MessageType type();
}
