package io.siocluster.core.cluster;

import java.time.Clock;
import java.time.Duration;
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
        /**
         * An attachment whose fetch failed for good: a non-transient error, or transient errors and tries that timed
         * out (10 s each) still after 30 s from the first try.
         */
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

    /** The two waits that tell a node is overloaded (see {@link ClusterOptions#overloadThreshold()}). */
    public enum Queue {
        /** From a publish call until the transport took the message (behind blobs, in the transport's queue). */
        PUBLISH,
        /** From a message's arrival from the transport until the node's thread handled it. */
        DELIVERY
    }

    private final AtomicLongArray drops = new AtomicLongArray(DropReason.values().length);
    private final AtomicLong localOnly = new AtomicLong();
    private final AtomicLong outboundOverflows = new AtomicLong();
    private final AtomicLongArray delayed = new AtomicLongArray(Queue.values().length);
    private final AtomicLongArray lastDelayNanos = new AtomicLongArray(Queue.values().length);
    private final AtomicLong lastOverflowMillis = new AtomicLong(Long.MIN_VALUE);
    private final long thresholdNanos;
    private final Clock clock;

    /** How long an outbound overflow keeps the node {@link #overloaded()}. */
    static final Duration OVERFLOW_MEMORY = Duration.ofSeconds(5);

    public ClusterStats() {
        this(Duration.ofSeconds(1), Clock.systemUTC());
    }

    /**
     * @param overloadThreshold a wait longer than this makes a message delayed and the node overloaded
     * @param clock times how long an outbound overflow keeps the node overloaded
     */
    ClusterStats(Duration overloadThreshold, Clock clock) {
        this.thresholdNanos = overloadThreshold.toNanos();
        this.clock = clock;
    }

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

    /**
     * Messages refused or dropped because {@link ClusterOptions#maxPendingOutbound()} messages waited (by the
     * {@link ClusterOptions#outboundPolicy()}); each is also counted as {@link DropReason#PUBLISH_FAILED}.
     */
    public long outboundOverflows() {
        return outboundOverflows.get();
    }

    /** Messages that waited longer than the overload threshold in {@code queue}. */
    public long delayedMessages(Queue queue) {
        return delayed.get(queue.ordinal());
    }

    /** How long the latest message waited in {@code queue}, in nanoseconds; 0 before the first. */
    public long lastDelayNanos(Queue queue) {
        return lastDelayNanos.get(queue.ordinal());
    }

    /**
     * Whether the latest message of either queue waited longer than the overload threshold, or the outbound policy
     * refused or dropped a message in the last 5 s (under {@code DROP_OLDEST} no message may wait long, yet the
     * queue overflows). The node's own heartbeats and its peers' keep both waits fresh, so this clears once the
     * backlog is gone.
     */
    public boolean overloaded() {
        for (Queue queue : Queue.values()) {
            if (lastDelayNanos.get(queue.ordinal()) > thresholdNanos) {
                return true;
            }
        }
        long last = lastOverflowMillis.get();
        return last != Long.MIN_VALUE && clock.millis() - last < OVERFLOW_MEMORY.toMillis();
    }

    /** The overload threshold, in nanoseconds. */
    public long overloadThresholdNanos() {
        return thresholdNanos;
    }

    /** Records one message's wait in {@code queue}; returns whether it was over the threshold. */
    boolean waited(Queue queue, long nanos) {
        lastDelayNanos.set(queue.ordinal(), nanos);
        if (nanos > thresholdNanos) {
            delayed.incrementAndGet(queue.ordinal());
            return true;
        }
        return false;
    }

    /** Counts one outbound overflow; returns the new total. */
    long outboundOverflow() {
        lastOverflowMillis.set(clock.millis());
        return outboundOverflows.incrementAndGet();
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
        return "ClusterStats{drops=" + drops() + ", localOnly=" + localOnly + ", outboundOverflows=" + outboundOverflows
                + ", delayed=" + delayed + ", overloaded=" + overloaded() + "}";
    }
}
