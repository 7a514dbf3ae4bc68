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
 * @param seq the sender's number for this message, from 1 per (uid, namespace), or {@link #UNNUMBERED}:
 *        sio-cluster nodes number what they publish so that receivers can count what they missed; Node
 *        and emitters do not (on the wire: an extra {@code "seq"} key, which Node ignores)
 */
public record Envelope(String uid, String nsp, ClusterMessage message, long seq) {

    /** The uid the Node emitter sends with; not a node. */
    public static final String EMITTER_UID = "emitter";

    /** The {@link #seq} of a message its sender did not number (Node, emitters): no {@code seq} key is written. */
    public static final long UNNUMBERED = 0;

    /** The largest seq: JavaScript's largest safe integer, so that any JSON reader keeps it exact. */
    public static final long MAX_SEQ = (1L << 53) - 1;

    public Envelope {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(nsp, "nsp");
        Objects.requireNonNull(message, "message");
        if (seq < 0 || seq > MAX_SEQ) {
            throw new IllegalArgumentException("seq must be from 0 to " + MAX_SEQ + ": " + seq);
        }
    }

    /** A message its sender did not number, as Node and emitters send. */
    public Envelope(String uid, String nsp, ClusterMessage message) {
        this(uid, nsp, message, UNNUMBERED);
    }

    public MessageType type() {
        return message.type();
    }

    /** Whether an emitter, not a cluster node, sent this. */
    public boolean fromEmitter() {
        return EMITTER_UID.equals(uid);
    }
}
