package io.siocluster.core.protocol;

import java.util.Objects;

/**
 * One cluster message as it travels: {@code {"type":n,"data":{...},"uid":"...","nsp":"/..."}}, where
 * {@code data} is the {@link #message()} body (absent for heartbeats and close).
 *
 * @param uid the sender: a random id per namespace per node (16 hex characters in Node), or
 *        {@link #EMITTER_UID} for an emitter, which is never a cluster member
 * @param nsp the namespace on the wire ({@code "/"} for the default one); when a sender leaves it out
 *        (the Node emitter 0.1.1 does), the decoder puts in the namespace of the channel
 * @param message the body
 */
public record Envelope(String uid, String nsp, ClusterMessage message) {

    /** The uid the Node emitter sends with; not a node. */
    public static final String EMITTER_UID = "emitter";

    public Envelope {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(nsp, "nsp");
        Objects.requireNonNull(message, "message");
    }

    public MessageType type() {
        return message.type();
    }

    /** Whether an emitter, not a cluster node, sent this. */
    public boolean fromEmitter() {
        return EMITTER_UID.equals(uid);
    }
}
