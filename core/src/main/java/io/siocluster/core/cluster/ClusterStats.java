package io.siocluster.core.cluster;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of what a node dropped or could not do, for monitoring. Thread-safe, only ever increasing. Every
 * drop is counted here by its {@link DropReason}; the log says so at most a few lines per minute per reason.
 */
public final class ClusterStats {

    /** Why a message was dropped (or, for {@link #PEER_LIMIT}, a sender not tracked). */
    public enum DropReason {
        /** A notification or attachment that could not be decoded (bad JSON, wrong types, over the limits). */
        MALFORMED,
        /** An attachment header whose blob was gone (purged, or never stored: a forged header). */
        MISSING_ATTACHMENT,
        /** An attachment whose fetch failed or did not complete within the fetch timeout. */
        ATTACHMENT_FETCH_FAILED,
        /** An attachment header refused because its sender already had the most fetches waiting. */
        ATTACHMENT_QUEUE_FULL,
        /** A message this node could not publish while the transport was up. */
        PUBLISH_FAILED,
        /** A heartbeat from a new uid while the most peers a namespace tracks were tracked already. */
        PEER_LIMIT,
        /**
         * Messages a peer published that never arrived: gaps in a sio-cluster sender's numbering (one count
         * per missing message). Node-published and emitter messages are not numbered and cannot be counted.
         */
        MISSED,
        /**
         * A numbered message that arrived again (its number not past its sender's last one, and not 1): dropped
         * instead of delivered twice. A transport that replays after a reconnect removes duplicates itself;
         * this is the second line of defence (and it catches duplicates of Java-published messages only).
         */
        DUPLICATE
    }

    private final AtomicLongArray drops = new AtomicLongArray(DropReason.values().length);
    private final AtomicLong localOnly = new AtomicLong();

    /** How many were dropped for {@code reason}. */
    public long drops(DropReason reason) {
        return drops.get(reason.ordinal());
    }

    /** Every reason with its count. */
    public Map<DropReason, Long> drops() {
        Map<DropReason, Long> all = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            all.put(reason, drops(reason));
        }
        return all;
    }

    /** Notifications dropped because they could not be decoded (bad JSON, wrong types, over the limits). */
    public long malformedMessages() {
        return drops(DropReason.MALFORMED);
    }

    /** Attachment headers whose blob was gone (purged, or never stored). */
    public long missingAttachments() {
        return drops(DropReason.MISSING_ATTACHMENT);
    }

    /** Messages that could not be published while the transport was up. */
    public long publishFailures() {
        return drops(DropReason.PUBLISH_FAILED);
    }

    /** Operations that reached only this node's sockets because the transport was down. */
    public long localOnlyOperations() {
        return localOnly.get();
    }

    /** Counts one; returns the new total for that reason. */
    long dropped(DropReason reason) {
        return dropped(reason, 1);
    }

    /** Counts {@code count} at once; returns the new total for that reason. */
    long dropped(DropReason reason, long count) {
        return drops.addAndGet(reason.ordinal(), count);
    }

    void localOnly() {
        localOnly.incrementAndGet();
    }

    @Override
    public String toString() {
        return "ClusterStats{drops=" + drops() + ", localOnly=" + localOnly + "}";
    }
}
