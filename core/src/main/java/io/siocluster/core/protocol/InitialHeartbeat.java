package io.siocluster.core.protocol;

/** Type 1: a node announces that it has started listening; every peer answers with a {@link Heartbeat}. */
public record InitialHeartbeat() implements ClusterMessage {

    public static final InitialHeartbeat INSTANCE = new InitialHeartbeat();

    @Override
    public MessageType type() {
        return MessageType.INITIAL_HEARTBEAT;
    }
}
