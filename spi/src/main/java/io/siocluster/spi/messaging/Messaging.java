package io.siocluster.spi.messaging;

import java.util.concurrent.CompletionStage;

/**
 * Publish text payloads on named channels and listen to them.
 *
 * <p>Guarantees every implementation gives (the TCK's messaging rules):
 * <ul>
 *   <li>every subscriber of a channel receives each message published on it while the subscription is
 *       {@linkplain Subscription#ready() ready} and the transport is up, and subscribers of other channels
 *       do not;</li>
 *   <li>one transport instance's messages arrive in the order it published them;</li>
 *   <li>a transport subscribed to a channel also receives what it publishes there itself;</li>
 *   <li>identical payloads published twice arrive twice;</li>
 *   <li>payloads up to {@link MessagingLimits#maxPayloadBytes()} UTF-8 bytes are carried unchanged (a
 *       transport may refuse U+0000, which PostgreSQL text cannot hold, as a non-transient error).</li>
 * </ul>
 * Delivery is at most once: while the connection is down messages are lost, and liveness says so.
 */
public interface Messaging {

    /** What this transport can carry. Constant for the life of the transport. */
    MessagingLimits limits();

    /**
     * Publishes a payload. Never blocks the caller on I/O. Every failure, including invalid input, is
     * reported through the returned stage, never thrown:
     * {@link io.siocluster.spi.error.PayloadTooLargeException},
     * {@link io.siocluster.spi.error.InvalidChannelNameException},
     * {@link io.siocluster.spi.error.TransportUnavailableException} (down or overloaded: transient),
     * {@link io.siocluster.spi.error.TransportClosedException}.
     *
     * @return completes once the bus has accepted the message (for PostgreSQL: the NOTIFY committed)
     */
    CompletionStage<Void> publish(String channel, String payload);

    /**
     * Starts listening on a channel. The returned handle is live at once; its {@link Subscription#ready()}
     * completes once messages published from then on will be delivered. Several subscriptions to one
     * channel each receive every message.
     *
     * @throws io.siocluster.spi.error.InvalidChannelNameException when the name is empty or over the limit
     * @throws io.siocluster.spi.error.TransportClosedException after {@code close()}
     */
    Subscription subscribe(String channel, MessageListener listener);
}
