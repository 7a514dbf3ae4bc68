package io.siocluster.core.protocol;

/** Type 2: a node is alive (periodically, and in answer to an {@link InitialHeartbeat}). */
public record Heartbeat() implements ClusterMessage {

    public static final Heartbeat INSTANCE = new Heartbeat();

    @Override
    public MessageType type() {
        return MessageType.HEARTBEAT;
    }
}
