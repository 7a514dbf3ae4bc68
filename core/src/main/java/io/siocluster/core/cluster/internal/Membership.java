package io.siocluster.core.cluster.internal;

import io.siocluster.core.protocol.Envelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which peers of one namespace are alive, from the messages they send: any message from a uid is a sign
 * of life, a peer silent for longer than the timeout is gone, ADAPTER_CLOSE removes it at once. The uid
 * {@link Envelope#EMITTER_UID} (Node's and our emitters) is never a peer.
 */
public final class Membership {

    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();

    public Membership(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Records a sign of life; returns true when the uid was not known as a peer before. */
    public boolean seen(String uid) {
        if (uid.isEmpty() || uid.equals(Envelope.EMITTER_UID)) {
            return false;
        }
        return lastSeen.put(uid, clock.instant()) == null;
    }

    /** Forgets a peer; returns true when it was known. */
    public boolean remove(String uid) {
        return lastSeen.remove(uid) != null;
    }

    /** Removes and returns the peers not heard from for longer than the timeout. */
    public List<String> expire() {
        Instant cutoff = clock.instant().minus(timeout);
        List<String> gone = new ArrayList<>();
        lastSeen.forEach((uid, seen) -> {
            if (seen.isBefore(cutoff) && lastSeen.remove(uid, seen)) {
                gone.add(uid);
            }
        });
        return gone;
    }

    public Set<String> peers() {
        return Set.copyOf(lastSeen.keySet());
    }

    public boolean isPeer(String uid) {
        return lastSeen.containsKey(uid);
    }

    public int size() {
        return lastSeen.size();
    }
}
