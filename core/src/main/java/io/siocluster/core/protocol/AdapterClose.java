package io.siocluster.core.protocol;

/** Type 13: a node leaves the namespace; peers drop it at once instead of waiting for its heartbeats to stop. */
public record AdapterClose() implements ClusterMessage {

    public static final AdapterClose INSTANCE = new AdapterClose();

    @Override
    public MessageType type() {
        return MessageType.ADAPTER_CLOSE;
    }
}
