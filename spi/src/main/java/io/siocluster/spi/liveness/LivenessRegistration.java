package io.siocluster.spi.liveness;

/**
 * A registered {@link LivenessListener}; closing it removes the listener. A try-with-resources or a plain
 * {@code close()} needs no {@code catch}: closing never throws, and closing twice is harmless.
 */
public interface LivenessRegistration extends AutoCloseable {

    /** Removes the listener; it is told no later event. Never throws. */
    @Override
    void close();
}
