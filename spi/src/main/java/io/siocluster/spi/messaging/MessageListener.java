package io.siocluster.spi.messaging;

/**
 * Receives the messages of one subscription. Called on a thread of the transport, one message at a time
 * per subscription and in delivery order; it must return quickly and never block on I/O. An exception it
 * throws is logged by the transport and does not stop later deliveries.
 */
@FunctionalInterface
public interface MessageListener {

    void onMessage(String channel, String payload);
}
