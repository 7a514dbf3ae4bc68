package io.siocluster.spi.liveness;

/**
 * The transport's report on its own connection. The user of a transport falls back to local-only work
 * while it is {@link LivenessState#DOWN} and resynchronises on {@link LivenessEvent#UP_AFTER_GAP}.
 */
public interface Liveness {

    LivenessState state();

    /**
     * Registers a listener for changes from now on (it is not told the current state: read
     * {@link #state()} after registering).
     *
     * @return a handle whose {@code close()} removes the listener and throws nothing
     */
    LivenessRegistration addListener(LivenessListener listener);
}
