package io.siocluster.spi.liveness;

/**
 * Told about connection changes, in the order they happen, on a thread of the transport. Must return
 * quickly. An exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface LivenessListener {

    void onLivenessEvent(LivenessEvent event);
}
