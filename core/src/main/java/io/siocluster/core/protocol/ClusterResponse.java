package io.siocluster.core.protocol;

/**
 * A message that answers a request of another node, matched by {@link #requestId()}. Node sends every
 * response on the shared channel: each node sees all of them and keeps those whose id it issued.
 */
public sealed interface ClusterResponse extends ClusterMessage
        permits FetchSocketsResponse, ServerSideEmitResponse, BroadcastClientCount, BroadcastAck {

    /** The id of the request this answers. */
    String requestId();
}
