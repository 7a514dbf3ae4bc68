package io.siocluster.spi.liveness;

/** The transport's connection state at one moment. */
public enum LivenessState {
    /** Not yet connected, or reconnecting after a failure. */
    DOWN,
    /** Connected: publishing works and subscriptions receive messages. */
    UP,
    /** Closed for good. */
    CLOSED
}
