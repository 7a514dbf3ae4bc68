package io.siocluster.core.cluster;

import io.siocluster.core.cluster.ClusterStats.DropReason;
import io.siocluster.core.cluster.internal.AttachmentFetches;
import io.siocluster.core.cluster.internal.Failures;
import io.siocluster.core.cluster.internal.Membership;
import io.siocluster.core.cluster.internal.SenderSequencer;
import io.siocluster.core.cluster.internal.SequenceTracker;
import io.siocluster.core.codec.AttachmentHeader;
import io.siocluster.core.codec.InboundNotification;
import io.siocluster.core.codec.InlineNotification;
import io.siocluster.core.codec.MessageDecodeException;
import io.siocluster.core.protocol.AdapterClose;
import io.siocluster.core.protocol.DisconnectSockets;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.ServerSideEmit;
import io.siocluster.core.wire.EnvelopeMessaging;
import io.siocluster.core.wire.EnvelopeMessaging.EnvelopeListener;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The way in for one namespace: decodes what the transport delivers, skips this node's own messages,
 * fetches attachments, and hands each sender's messages to the node in the order they were sent: when the
 * local side allows, handled at once on the transport's thread while the node's thread is idle (no hand-off,
 * no wake-up), else queued for it.
 * What cannot be read is dropped, counted in {@link ClusterStats} and logged rarely.
 */
final class InboundMessages implements EnvelopeListener {

    private final NamespaceContext context;
    private final DeliveryTimes deliveries;
    private final String uid;
    private final String namespace;
    private final SenderSequencer<Envelope> sequencer;
    private final boolean inPlace; // LocalSide.handlesInPlace: messages may be handled on the transport's thread
    private final SequenceTracker sequences = new SequenceTracker(Membership.DEFAULT_MAX_PEERS);

    /**
     * @param inPlace whether a message may be handled on the transport's thread when the node is idle
     *     ({@link LocalSide#handlesInPlace()})
     * @param handler runs as node work, in each sender's order: on the node's thread, or in place on the
     *     transport's thread when the node is idle
     */
    InboundMessages(NamespaceContext context, String uid, String namespace, DeliveryTimes deliveries,
            boolean inPlace, Consumer<Envelope> handler) {
        this.inPlace = inPlace;
        this.context = context;
        this.deliveries = deliveries;
        this.uid = uid;
        this.namespace = namespace;
        this.sequencer = new SenderSequencer<>(context.executor(), context.direct(), handler);
    }

    /** On the transport's thread: decode, then as {@link #accept}. */
    @Override
    public void onMessage(String channel, String payload) {
        InboundNotification notification = decode(channel, payload);
        if (notification != null) {
            accept(notification, true);
        }
    }

    /**
     * On a transport thread that must not wait: as {@link #onMessage}, or false, having recorded nothing, when the node
     * is full (the transport then delivers it with {@code onMessage}).
     */
    @Override
    public boolean offer(String channel, String payload) {
        InboundNotification notification = decode(channel, payload);
        return notification == null || accept(notification, false);
    }

    /** The message, or null when it cannot be read (dropped and counted here). */
    private @Nullable InboundNotification decode(String channel, String payload) {
        try {
            return context.codec().decodeNotification(payload, namespace);
        } catch (MessageDecodeException e) {
            context.drops().record(DropReason.MALFORMED, "[{}] dropped a malformed message on {}: {}", uid, channel,
                    e.getMessage());
            return null;
        }
    }

    /** On the transport's thread: a message the wire format read itself ({@link EnvelopeMessaging}), as {@link #accept}. */
    @Override
    public void onEnvelope(String channel, Envelope envelope) {
        accept(new InlineNotification(envelope), true);
    }

    /** As {@link #onEnvelope}, on a thread that must not wait: false, having recorded nothing, when the node is full. */
    @Override
    public boolean offerEnvelope(String channel, Envelope envelope) {
        return accept(new InlineNotification(envelope), false);
    }

    /**
     * Skips our own, fetches attachments, and queues in sender order.
     *
     * @param mayWait whether the calling thread may wait for a place in the inbound gate; if not ({@link #offer})
     *     and the node is full, nothing is done or counted
     * @return false only when the node was full and the caller may not wait
     */
    private boolean accept(InboundNotification notification, boolean mayWait) {
        if (notification.uid().equals(uid)) {
            deliveries.echoed(notification.seq()); // hook: the bus's end-to-end latency (DeliveryTimes)
            return true; // our own message, echoed by the bus: recognised without fetching its attachment
        }
        if (!mayWait && !context.inbound().tryEnter()) {
            return false; // nothing counted yet: the same message comes back through onMessage
        }
        if (!countMissed(notification)) {
            if (!mayWait) {
                context.inbound().leave();
            }
            return true;
        }
        long arrived = System.nanoTime();
        if (mayWait) {
            context.inbound().enter(); // may wait: the transport's thread holds the backlog while the node is full
        }
        Runnable done = () -> handled(arrived);
        if (notification instanceof InlineNotification inline) {
            // application code always runs on the node's thread: serverSideEmit handlers, and the disconnect
            // listeners a disconnectSockets without close calls (the transport's thread may be an I/O thread)
            boolean here = inPlace && !(inline.envelope().message() instanceof ServerSideEmit)
                    && !(inline.envelope().message() instanceof DisconnectSockets);
            sequencer.submit(inline.uid(), CompletableFuture.completedFuture(Optional.of(inline.envelope())), here, done);
        } else {
            AttachmentHeader header = (AttachmentHeader) notification;
            sequencer.submit(header.uid(), fetch(header), done);
        }
        return true;
    }

    /** The message that arrived at {@code arrivedNanos} was handled or dropped: its place is free, its wait timed. */
    private void handled(long arrivedNanos) {
        context.inbound().leave();
        context.overload().delivered(System.nanoTime() - arrivedNanos); // hook: the overload signal
    }

    /**
     * Counts the sender's messages that never arrived before this one. Done at the notification, in bus order,
     * before any fetch: an attachment whose fetch then fails is counted by its own reason, not as a gap.
     *
     * @return false for a numbered duplicate, dropped and counted here (never fetched nor delivered twice)
     */
    private boolean countMissed(InboundNotification notification) {
        long missed = sequences.arrived(notification.uid(), notification.seq());
        if (missed == SequenceTracker.DUPLICATE) {
            context.drops().record(DropReason.DUPLICATE, "[{}] dropped message {} from {}: it arrived already", uid,
                    notification.seq(), notification.uid());
            return false;
        }
        if (missed > 0) {
            context.drops().recordCount(DropReason.MISSED, missed,
                    "[{}] {} message(s) from {} never arrived (before its message {})", uid, missed,
                    notification.uid(), notification.seq());
        }
        if (notification instanceof InlineNotification inline && inline.envelope().message() instanceof AdapterClose) {
            sequences.forget(inline.uid());
        }
        return true;
    }

    private CompletionStage<Optional<Envelope>> fetch(AttachmentHeader header) {
        return context.attachments().fetch(header.uid(), header.attachmentId()).handle((bytes, failure) -> {
            if (failure != null) {
                Throwable cause = Failures.unwrap(failure);
                if (cause instanceof AttachmentFetches.QueueFull) {
                    context.drops().record(DropReason.ATTACHMENT_QUEUE_FULL, "[{}] attachment {} dropped: {}", uid,
                            header.attachmentId(), cause.getMessage());
                } else {
                    context.drops().record(DropReason.ATTACHMENT_FETCH_FAILED, "[{}] attachment {} from {} dropped: {}",
                            uid, header.attachmentId(), header.uid(), cause.toString());
                }
                return Optional.empty();
            }
            if (bytes.isEmpty()) {
                context.drops().record(DropReason.MISSING_ATTACHMENT, "[{}] attachment {} from {} is gone; message dropped",
                        uid, header.attachmentId(), header.uid());
                return Optional.empty();
            }
            try {
                return Optional.of(context.codec().decodeAttachment(bytes.get(), namespace));
            } catch (MessageDecodeException e) {
                context.drops().record(DropReason.MALFORMED, "[{}] dropped malformed attachment {}: {}", uid,
                        header.attachmentId(), e.getMessage());
                return Optional.empty();
            }
        });
    }
}
