package io.siocluster.core.cluster;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of what a node dropped or could not do, for monitoring. Thread-safe, only ever increasing. */
public final class ClusterStats {

    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong missingAttachments = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();
    private final AtomicLong localOnly = new AtomicLong();

    /** Notifications dropped because they could not be decoded (bad JSON, wrong types, over the limits). */
    public long malformedMessages() {
        return malformed.get();
    }

    /** Attachment headers whose blob was gone (purged, or never stored). */
    public long missingAttachments() {
        return missingAttachments.get();
    }

    /** Messages that could not be published while the transport was up. */
    public long publishFailures() {
        return publishFailures.get();
    }

    /** Operations that reached only this node's sockets because the transport was down. */
    public long localOnlyOperations() {
        return localOnly.get();
    }

    /** Counts one; returns the new total. */
    long malformed() {
        return malformed.incrementAndGet();
    }

    /** Counts one; returns the new total. */
    long missingAttachment() {
        return missingAttachments.incrementAndGet();
    }

    void publishFailed() {
        publishFailures.incrementAndGet();
    }

    void localOnly() {
        localOnly.incrementAndGet();
    }

    @Override
    public String toString() {
        return "ClusterStats{malformed=" + malformed + ", missingAttachments=" + missingAttachments
                + ", publishFailures=" + publishFailures + ", localOnly=" + localOnly + "}";
    }
}
