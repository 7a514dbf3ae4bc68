package io.siocluster.spi.messaging;

import java.util.Optional;
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
 * What happens to messages published while a node is disconnected is the transport's
 * {@linkplain #deliveryGuarantee() declared guarantee}: lost for it (at most once), or delivered once it is
 * back (resumed in order); either way liveness reports the outage.
 */
public interface Messaging {

    /** What this transport can carry. Constant for the life of the transport. */
    MessagingLimits limits();

    /**
     * What a node gets of the messages published while it was disconnected. Constant for the life of the
     * transport. Default: {@link DeliveryGuarantee#AT_MOST_ONCE}, the weaker promise, so a transport that
     * says nothing is never trusted to resume.
     */
    default DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.AT_MOST_ONCE;
    }

    /**
     * Messages as maps of named fields on a durable stream, when the bus has them (Redis Streams), for wire formats
     * that frame messages that way. Default: empty, and a user of the transport then sends whole texts on channels.
     * Constant for the life of the transport.
     */
    default Optional<FieldMessaging> fields() {
        return Optional.empty();
    }

    /**
     * Fire-and-forget bytes on channels with a subscriber count, when the bus has them (Redis pub/sub), for wire formats
     * whose other implementations send requests and replies that way. Default: empty. Constant for the life of the
     * transport.
     */
    default Optional<PubSubMessaging> pubSub() {
        return Optional.empty();
    }

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
