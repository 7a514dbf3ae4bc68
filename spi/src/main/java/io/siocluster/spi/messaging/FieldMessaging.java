package io.siocluster.spi.messaging;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Optional facet of {@link Messaging} (see {@link Messaging#fields()}): messages as maps of named text fields on a
 * durable, ordered stream, as a Redis stream entry holds them. It lets a wire format that frames each message as
 * fields (rather than one text) share the bus with other implementations that read and write those fields.
 *
 * <p>Same guarantees as {@link Messaging}, with a stream name in place of a channel name (checked against the same
 * {@link MessagingLimits#maxChannelNameBytes()}): every subscriber of a stream receives each entry published on it
 * while its subscription is ready, one publisher's entries arrive in the order it published them, a subscribed
 * publisher receives its own entries, and entries published while a node was away follow the transport's
 * {@link Messaging#deliveryGuarantee()}. Field names and values are carried unchanged, in order; the fields of one
 * entry together (names and values, in UTF-8 bytes) may take at most {@link MessagingLimits#maxPayloadBytes()}.
 * Other writers may share a stream: listeners must expect entries with fields they do not know. Give streams names
 * of their own: whether a stream and a {@link Messaging} channel of the same name are kept apart is the transport's
 * (the in-memory transport keeps them apart; on Redis both are one stream key, where a channel's listener skips
 * entries that are not one {@code payload} field and a stream's listener gets a channel's messages as such entries).
 *
 * <p>The TCK's {@code FieldMessagingKit} states these rules as tests (F1-F9).
 */
public interface FieldMessaging {

    /**
     * Appends one entry. Never blocks the caller on I/O; every failure (too large, an invalid stream name, down,
     * closed) arrives through the stage, as for {@link Messaging#publish}.
     *
     * @param fields at least one field; iteration order is kept
     */
    CompletionStage<Void> publish(String stream, Map<String, String> fields);

    /**
     * Starts reading a stream. Its {@link Subscription#ready()} completes once entries appended from then on will be
     * delivered; {@link Subscription#channel()} is the stream's name.
     *
     * @throws io.siocluster.spi.error.InvalidChannelNameException when the name is empty or over the limit
     * @throws io.siocluster.spi.error.TransportClosedException after {@code close()}
     */
    Subscription subscribe(String stream, FieldListener listener);

    /**
     * Receives a stream's entries, on a thread of the transport, one at a time per subscription and in order (as a
     * {@link MessageListener}). The map is unmodifiable and holds the entry's fields in their order.
     */
    @FunctionalInterface
    interface FieldListener {
        void onEntry(String stream, Map<String, String> fields);

        /**
         * Offers an entry from a thread that must never wait, as {@link MessageListener#offer} offers a message: the
         * listener takes it as {@link #onEntry} would and returns true, or returns false having done nothing with it,
         * and the transport then delivers that entry with {@code onEntry} from a thread that may wait, nothing after
         * it before it. Transports need not offer; this default refuses every offer.
         */
        default boolean offerEntry(String stream, Map<String, String> fields) {
            return false;
        }
    }
}
