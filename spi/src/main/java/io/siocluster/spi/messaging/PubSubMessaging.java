package io.siocluster.spi.messaging;

import java.util.concurrent.CompletionStage;

/**
 * Optional facet of {@link Messaging} (see {@link Messaging#pubSub()}): fire-and-forget bytes on named channels, as
 * Redis {@code PUBLISH} / {@code SUBSCRIBE} carry them, and how many listeners a channel has. It lets a wire format
 * send what other implementations send that way (short-lived requests and their replies) next to its ordered stream.
 *
 * <p>Guarantees every implementation gives (the TCK's pub/sub rules):
 * <ul>
 *   <li>at most once: a message reaches the subscriptions that are {@linkplain Subscription#ready() ready} while it
 *       is published and the transport is up; what is published while a node is disconnected is lost for it, whatever
 *       {@link Messaging#deliveryGuarantee()} says of the other facets (liveness reports the outage);</li>
 *   <li>one transport instance's messages on one channel arrive in the order it published them;</li>
 *   <li>a transport subscribed to a channel also receives what it publishes there itself;</li>
 *   <li>payloads are bytes carried unchanged, any bytes (not only UTF-8), up to {@link MessagingLimits#maxPayloadBytes()};
 *       channel names are checked against {@link MessagingLimits#maxChannelNameBytes()};</li>
 *   <li>a pub/sub channel is neither a {@link Messaging} channel nor a {@link FieldMessaging} stream of the same name:
 *       what one carries is not delivered to the others.</li>
 * </ul>
 */
public interface PubSubMessaging {

    /**
     * Publishes bytes on a channel. Never blocks the caller on I/O; every failure (too large, an invalid channel name,
     * down: {@link io.siocluster.spi.error.TransportUnavailableException}, closed) arrives through the stage, as for
     * {@link Messaging#publish}. Completing says the bus took the message, not that anyone received it.
     */
    CompletionStage<Void> publish(String channel, byte[] payload);

    /**
     * Starts listening on a channel. Its {@link Subscription#ready()} completes once messages published from then on
     * will be delivered; after a reconnection the transport subscribes again by itself. Several subscriptions to one
     * channel each receive every message.
     *
     * @throws io.siocluster.spi.error.InvalidChannelNameException when the name is empty or over the limit
     * @throws io.siocluster.spi.error.TransportClosedException after {@code close()}
     */
    Subscription subscribe(String channel, BytesListener listener);

    /**
     * How many transport instances (Redis: client connections, of any implementation) listen on the channel now,
     * this one included when it does. Never blocks; fails like {@link #publish} (down, closed, invalid name).
     */
    CompletionStage<Long> subscriberCount(String channel);

    /**
     * Receives a channel's messages, on a thread of the transport, one at a time per subscription and in order (as a
     * {@link MessageListener}). The array is the listener's own.
     */
    @FunctionalInterface
    interface BytesListener {
        void onMessage(String channel, byte[] payload);
    }
}
