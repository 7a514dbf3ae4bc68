package io.siocluster.core.cluster.internal;

/** A request waiting for peers: told when a peer leaves, when time is up, and when it could not be sent. */
public interface PendingRequest {

    void peerLeft(String uid);

    void timeOut();

    /** The request could not be sent: it fails with {@code cause}. */
    void fail(Throwable cause);

    boolean isDone();
}
