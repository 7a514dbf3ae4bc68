package io.siocluster.spi.messaging;

import java.util.concurrent.CompletionStage;

/** A handle on one listener's subscription to one channel. Closing it stops delivery; closing twice is harmless. */
public interface Subscription extends AutoCloseable {

    String channel();

    /**
     * Completes when the bus is listening for this subscription (for PostgreSQL: LISTEN has run), so that
     * any message published afterwards is delivered. Fails if the transport is closed first.
     */
    CompletionStage<Void> ready();

    /** Stops delivery to this listener. Never throws. */
    @Override
    void close();
}
