package io.siocluster.core.wire;

import io.siocluster.core.protocol.Envelope;
import io.siocluster.spi.messaging.MessageListener;
import io.siocluster.spi.messaging.Messaging;
import io.siocluster.spi.messaging.Subscription;
import java.util.concurrent.CompletionStage;

/**
 * Messaging whose wire format frames the core's messages itself ({@link WireFormat#REDIS_STREAMS}: Node's stream entry
 * fields, and Node's msgpack on pub/sub). A node or an emitter hands it envelopes and takes envelopes back instead of
 * channel texts: a text would only be decoded again into the envelope the format then writes, and on the way in
 * each entry would be written as a text for the core to decode again. Channel texts keep working ({@link Messaging}).
 */
public interface EnvelopeMessaging extends Messaging {

    /** Publishes the message as the wire format frames it; completes as {@link #publish(String, String)} does. */
    CompletionStage<Void> publishEnvelope(String channel, Envelope envelope);

    /** As {@link #subscribe}, handing messages over as envelopes where the format holds one. */
    Subscription subscribeEnvelopes(String channel, EnvelopeListener listener);

    /**
     * Receives a subscription's messages: each one the format could read as an {@link Envelope}, and as a channel text
     * ({@link #onMessage}) anything else on the channel (a text that was no message of the core's, or an entry it
     * could not read, as a text the core counts as malformed). On the transport's thread, in delivery order.
     */
    interface EnvelopeListener extends MessageListener {

        void onEnvelope(String channel, Envelope envelope);

        /**
         * Offers a message from a thread that must never wait, as {@link MessageListener#offer} offers a text: taken
         * as {@link #onEnvelope} would take it (true), or refused having done nothing (false), and then delivered
         * with {@code onEnvelope} from a thread that may wait. This default refuses every offer.
         */
        default boolean offerEnvelope(String channel, Envelope envelope) {
            return false;
        }
    }
}
