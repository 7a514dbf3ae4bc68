package io.siocluster.core.cluster.internal;

/** A request waiting for peers: told when a peer leaves and when time is up. */
public interface PendingRequest {

    void peerLeft(String uid);

    void timeOut();

    boolean isDone();
}
