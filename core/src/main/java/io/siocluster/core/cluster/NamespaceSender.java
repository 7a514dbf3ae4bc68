package io.siocluster.core.cluster;

import io.siocluster.core.cluster.ClusterStats.DropReason;
import io.siocluster.core.cluster.internal.Failures;
import io.siocluster.core.cluster.internal.OrderedPublisher;
import io.siocluster.core.cluster.internal.Outbox;
import io.siocluster.core.protocol.AdapterClose;
import io.siocluster.core.protocol.ClusterMessage;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.spi.error.TransientTransportException;
import io.siocluster.spi.liveness.LivenessState;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one namespace's messages in this node's order, with the local-only fallback: while the
 * transport is down a message is not sent and its stage completes normally (counted). Once ADAPTER_CLOSE
 * went out nothing more does, so that peers that heard the goodbye never hear from this node again.
 * Messages are numbered from 1 ({@link Envelope#seq}) so that peers can count what they missed; the uid is
 * new each time the namespace opens, so a restarted node is a new sender starting again at 1.
 */
final class NamespaceSender {

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceSender.class);

    private final NamespaceContext context;
    private final Outbox outbox;
    private final String channel;
    private final String uid;
    private final String namespace;
    private final DeliveryTimes deliveries;
    private volatile Instant lastSent;
    private volatile boolean saidGoodbye;
    private long lastSeq; // guarded by this: numbers are handed out in publishing order

    NamespaceSender(NamespaceContext context, String channel, String uid, String namespace) {
        this.context = context;
        this.outbox = new Outbox(context.transport(), context.codec(), new OrderedPublisher(
                context.options().maxPendingOutbound(), context.options().outboundPolicy(), context.overload()::overflowed));
        this.channel = channel;
        this.uid = uid;
        this.namespace = namespace;
        this.deliveries = new DeliveryTimes(context.traffic());
        this.lastSent = context.clock().instant();
    }

    /** This node's uid in the namespace. */
    String uid() {
        return uid;
    }

    /** The start times of this namespace's messages, until the bus echoes them back (see {@link InboundMessages}). */
    DeliveryTimes deliveries() {
        return deliveries;
    }

    /** The number of the last message published or tried, 0 before the first. */
    synchronized long lastSeq() {
        return lastSeq;
    }

    /** When this namespace last published anything, by the context's clock. */
    Instant lastSent() {
        return lastSent;
    }

    /** Publishes a message; completes normally also when it was not sent because the transport is down. */
    CompletionStage<Void> send(ClusterMessage message) {
        return publish(message).thenApply(sent -> null);
    }

    /**
     * Publishes a message on the namespace channel: true once published, false when it was not sent because the
     * transport is down (local-only, counted) or this namespace already said goodbye; any other failure fails the stage.
     */
    CompletionStage<Boolean> publish(ClusterMessage message) {
        return publish(message, channel);
    }

    /**
     * {@link #publish(ClusterMessage)} on {@code target}. Only what the wire carries on the namespace's ordered channel
     * is numbered ({@link io.siocluster.core.wire.WireRoutes#numbered}): peers count gaps in those numbers.
     */
    synchronized CompletionStage<Boolean> publish(ClusterMessage message, String target) {
        if (saidGoodbye) {
            LOG.debug("[{}] {} not sent: the namespace has closed", uid, message.type());
            return CompletableFuture.completedFuture(false);
        }
        saidGoodbye = message instanceof AdapterClose;
        lastSent = context.clock().instant();
        long started = System.nanoTime();
        // Every message this namespace tries to publish on its ordered channel is numbered, also one that then does
        // not go out: peers count it as missed, which it is. What travels apart (pub/sub requests) is not.
        long seq = context.routes().numbered(message) ? ++lastSeq : Envelope.UNNUMBERED;
        if (seq != Envelope.UNNUMBERED) {
            deliveries.sent(seq, started); // hook: times the message until its echo (DeliveryTimes)
        }
        CompletionStage<Void> published = outbox.send(target, new Envelope(uid, namespace, message, seq));
        return published.handle((ok, failure) -> {
            if (failure == null) {
                context.traffic().countPublished(message.type(), started);
                context.overload().published(System.nanoTime() - started); // hook: the overload signal
                return true;
            }
            if (seq != Envelope.UNNUMBERED) {
                deliveries.forget(seq); // hook: no echo will come
            }
            Throwable cause = Failures.unwrap(failure);
            if (cause instanceof TransientTransportException
                    && context.transport().liveness().state() != LivenessState.UP) {
                context.stats().localOnly();
                LOG.debug("[{}] transport down, {} not sent to peers", uid, message.type());
                return false;
            }
            context.stats().dropped(DropReason.PUBLISH_FAILED);
            throw new CompletionException(cause);
        });
    }

    /** Sends a message from the node's thread; a failure is logged, there is no one to tell. */
    void reply(ClusterMessage response) {
        replyOn(response, channel);
    }

    /** Sends a response to {@code requester}'s request, where the wire routes responses; a failure is logged. */
    void reply(ClusterMessage response, String requester) {
        replyOn(response, context.routes().responseChannel(channel, requester));
    }

    private void replyOn(ClusterMessage response, String target) {
        publish(response, target).whenComplete((ok, failure) -> {
            if (failure != null) {
                context.drops().log(DropReason.PUBLISH_FAILED, "[{}] could not send {}: {}", uid, response.type(),
                        failure.toString());
            }
        });
    }

    /**
     * Replies from a client's or the application's thread, queued on the node's thread behind what it is
     * doing. An answer that comes after the node closed is dropped, not thrown into the caller's thread.
     */
    void replyLater(ClusterMessage response, String requester) {
        try {
            context.executor().execute(() -> reply(response, requester));
        } catch (RejectedExecutionException e) {
            LOG.debug("[{}] {} dropped: the node is closed", uid, response.type());
        }
    }
}
