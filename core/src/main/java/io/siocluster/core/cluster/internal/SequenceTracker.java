package io.siocluster.core.cluster.internal;

import io.siocluster.core.protocol.Envelope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last message number ({@link Envelope#seq}) seen from each sender of one namespace, to count the
 * messages that never arrived. A sender first seen past 1 is no gap (this node came late), a number at or
 * below the last one is a duplicate ({@link #DUPLICATE}: a transport that replays after a reconnect may hand
 * over again what arrived before; a sender's order is kept by every transport, so nothing else comes back
 * numbered lower) and 1 starts the sender afresh (a
 * node whose {@code uid} is configured, not random, restarted under the same one). A jump of more than
 * {@link #MAX_JUMP} either way is no gap and no duplicate but a new start from that number: no sender publishes
 * that many messages while a node is away, and no replay hands back anything that old, so it is a forged number
 * (anyone who can write to the bus can send one): counting it would put billions into {@code MISSED}, and taking
 * it as the last number would drop the real sender's next messages as duplicates. Unnumbered messages (Node, emitters)
 * and the emitter's uid are never checked: many emitter processes share that uid.
 *
 * <p>Bounded: at most {@code maxSenders} are remembered, the one heard from longest ago is forgotten first,
 * so forged uids cannot grow memory; a forgotten sender is seen afresh (its next gap is not counted).
 * Thread-safe.
 */
public final class SequenceTracker {

    /** What {@link #arrived} returns for a message numbered at or below its sender's last one: drop it. */
    public static final long DUPLICATE = -1;

    /** The largest jump taken as real: a million messages, over a minute of one sender at full speed. */
    public static final long MAX_JUMP = 1_000_000;

    private final Map<String, Long> lastSeq;

    public SequenceTracker(int maxSenders) {
        this.lastSeq = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > maxSenders;
            }
        };
    }

    /**
     * Records that {@code sender}'s message {@code seq} arrived; returns how many before it never did, or
     * {@link #DUPLICATE} when its number is not past the last one (the last number stays where it was).
     */
    public synchronized long arrived(String sender, long seq) {
        if (seq == Envelope.UNNUMBERED || sender.equals(Envelope.EMITTER_UID)) {
            return 0;
        }
        Long last = lastSeq.get(sender);
        if (last == null || seq == 1 || Math.abs(seq - last) > MAX_JUMP) {
            lastSeq.put(sender, seq); // new, a node with a configured uid that started again, or a forged number
            return 0;
        }
        if (seq <= last) {
            return DUPLICATE; // seen already (a replay after a reconnect): the number went past it
        }
        lastSeq.put(sender, seq);
        return seq - last - 1;
    }

    /** Forgets a sender that said goodbye: its uid never publishes again. */
    public synchronized void forget(String sender) {
        lastSeq.remove(sender);
    }

    /** How many senders are remembered. */
    public synchronized int size() {
        return lastSeq.size();
    }
}
