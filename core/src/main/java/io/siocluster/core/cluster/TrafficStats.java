package io.siocluster.core.cluster;

import io.siocluster.core.cluster.internal.PendingRequest;
import io.siocluster.core.protocol.MessageType;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of a node's traffic, for monitoring: messages published and received per type, requests waiting for
 * peers and those that timed out, attachments stored, fetched and purged. Thread-safe and cheap to bump
 * ({@link LongAdder}s); every total only increases, except {@link #requestsInFlight()}. Reading never throws.
 */
public final class TrafficStats {

    private static final MessageType[] TYPES = MessageType.values();

    private final LongAdder[] published = adders(TYPES.length);
    private final LongAdder[] received = adders(TYPES.length);
    private final LongAdder publishNanos = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder deliveryNanos = new LongAdder();
    private final LongAccumulator deliveryNanosMax = new LongAccumulator(Math::max, 0);
    private final LongAdder requestsStarted = new LongAdder();
    private final LongAdder requestsFinished = new LongAdder();
    private final LongAdder requestsTimedOut = new LongAdder();
    private final LongAdder attachmentsStored = new LongAdder();
    private final LongAdder attachmentsFetched = new LongAdder();
    private final LongAdder attachmentsPurged = new LongAdder();

    /** Messages of that type this node published on the bus (heartbeats and responses included). */
    public long published(MessageType type) {
        return published[type.ordinal()].sum();
    }

    /** Messages of every type this node published. */
    public long publishedTotal() {
        long total = 0;
        for (LongAdder adder : published) {
            total += adder.sum();
        }
        return total;
    }

    /**
     * The time from handing each published message to the outbox until the transport confirmed it (including the wait
     * behind an earlier attachment), summed over {@link #publishedTotal()} messages, in nanoseconds.
     */
    public long publishNanosTotal() {
        return publishNanos.sum();
    }

    /**
     * This node's messages the bus delivered back to it (every node hears its own messages) and were timed from
     * being handed to the outbox; see {@link #deliveryNanosTotal()}.
     */
    public long deliveredCount() {
        return delivered.sum();
    }

    /**
     * The bus's end-to-end latency: from handing each message to the outbox until the bus delivered it back to this
     * node, summed over {@link #deliveredCount()} messages, in nanoseconds (one JVM's clock, so no skew).
     */
    public long deliveryNanosTotal() {
        return deliveryNanos.sum();
    }

    /** The longest of those latencies since the node started, in nanoseconds; 0 before the first. */
    public long deliveryNanosMax() {
        return deliveryNanosMax.get();
    }

    /** Messages of that type this node received from its peers (its own echoes not counted). */
    public long received(MessageType type) {
        return received[type.ordinal()].sum();
    }

    /** Requests (fetchSockets, serverSideEmit or broadcast with ack) waiting for peers now. */
    public long requestsInFlight() {
        return Math.max(0, requestsStarted.sum() - requestsFinished.sum());
    }

    /** Requests that ran out of time before every awaited peer answered. */
    public long requestsTimedOut() {
        return requestsTimedOut.sum();
    }

    /** Messages this node stored in the blob store (attachments it published). */
    public long attachmentsStored() {
        return attachmentsStored.sum();
    }

    /** Attachments this node fetched from the blob store and found. */
    public long attachmentsFetched() {
        return attachmentsFetched.sum();
    }

    /** Old attachments this node deleted from the blob store. */
    public long attachmentsPurged() {
        return attachmentsPurged.sum();
    }

    void countPublished(MessageType type, long startedNanos) {
        publishNanos.add(System.nanoTime() - startedNanos);
        published[type.ordinal()].increment();
    }

    void countDelivered(long nanos) {
        deliveryNanos.add(nanos);
        deliveryNanosMax.accumulate(nanos);
        delivered.increment();
    }

    void countReceived(MessageType type) {
        received[type.ordinal()].increment();
    }

    /** Counts the request in flight until its result completes, however it does. */
    void requestStarted(CompletionStage<?> result) {
        requestsStarted.increment();
        result.whenComplete((ok, failure) -> requestsFinished.increment());
    }

    /** Counts a timeout when the request was still waiting (a timer can fire just after it completed). */
    void timingOut(PendingRequest request) {
        if (!request.isDone()) {
            requestsTimedOut.increment();
        }
    }

    void attachmentStored() {
        attachmentsStored.increment();
    }

    void attachmentFetched() {
        attachmentsFetched.increment();
    }

    void attachmentsPurged(long count) {
        attachmentsPurged.add(count);
    }

    private static LongAdder[] adders(int count) {
        LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    @Override
    public String toString() {
        return "TrafficStats{requestsInFlight=" + requestsInFlight() + ", requestsTimedOut=" + requestsTimedOut()
                + ", attachmentsStored=" + attachmentsStored() + ", attachmentsFetched=" + attachmentsFetched()
                + ", attachmentsPurged=" + attachmentsPurged() + "}";
    }
}
