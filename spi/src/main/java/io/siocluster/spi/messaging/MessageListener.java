package io.siocluster.spi.messaging;

/**
 * Receives the messages of one subscription. Called on a thread of the transport, one message at a time
 * per subscription and in delivery order; it must return quickly and never block on I/O. An exception it
 * throws is logged by the transport and does not stop later deliveries.
 */
@FunctionalInterface
public interface MessageListener {

    void onMessage(String channel, String payload);

    /**
     * Offers a message from a thread that must never wait (a transport's I/O thread): the listener takes it as
     * {@link #onMessage} would and returns true, or, when taking it would mean waiting (its node is full), returns
     * false having done nothing with it. The transport then delivers that message with {@link #onMessage} from a
     * thread that may wait, and nothing after it before it (later ones by either method). The same rules as
     * {@code onMessage} hold otherwise: one message at a time per subscription, in delivery order; an exception it
     * throws counts as taken. Transports need not offer; a listener that cannot tell refuses every offer (this
     * default).
     */
    default boolean offer(String channel, String payload) {
        return false;
    }
}
