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
 * Which peers of one namespace are alive. A uid becomes a peer only by sending INITIAL_HEARTBEAT or
 * HEARTBEAT, and at most {@code maxPeers} are tracked: anyone who can write to the bus can forge sender
 * ids, and a forged id must neither grow memory nor make requests wait for an answer that never comes.
 * Any later message from a peer is a sign of life; a peer silent for longer than the timeout is gone,
 * ADAPTER_CLOSE removes it at once. The uid {@link Envelope#EMITTER_UID} is never a peer.
 */
public final class Membership {

    /** Tracked peers per namespace, far above any real cluster and small enough to cost nothing. */
    public static final int DEFAULT_MAX_PEERS = 1024;

    /** What a heartbeat did. */
    public enum Heard {
        /** The uid became a peer. */
        NEW_PEER,
        /** The uid was a peer already: its sign of life is recorded. */
        KNOWN_PEER,
        /** The uid was not tracked: {@code maxPeers} are tracked already, or it is not a node's uid. */
        REFUSED
    }

    private final Clock clock;
    private final Duration timeout;
    private final int maxPeers;
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();

    public Membership(Clock clock, Duration timeout) {
        this(clock, timeout, DEFAULT_MAX_PEERS);
    }

    public Membership(Clock clock, Duration timeout, int maxPeers) {
        this.clock = clock;
        this.timeout = timeout;
        this.maxPeers = maxPeers;
    }

    /** A heartbeat (INITIAL_HEARTBEAT or HEARTBEAT) from {@code uid}: the only way to become a peer. */
    public synchronized Heard heartbeat(String uid) {
        if (uid.isEmpty() || uid.equals(Envelope.EMITTER_UID)) {
            return Heard.REFUSED;
        }
        if (lastSeen.replace(uid, clock.instant()) != null) {
            return Heard.KNOWN_PEER;
        }
        if (lastSeen.size() >= maxPeers) {
            return Heard.REFUSED;
        }
        lastSeen.put(uid, clock.instant());
        return Heard.NEW_PEER;
    }

    /** Any other message from {@code uid}: a sign of life when it is a peer; returns whether it is one. */
    public boolean touch(String uid) {
        return lastSeen.replace(uid, clock.instant()) != null;
    }

    /** Forgets a peer; returns true when it was known. */
    public synchronized boolean remove(String uid) {
        return lastSeen.remove(uid) != null;
    }

    /** Removes and returns the peers not heard from for longer than the timeout. */
    public synchronized List<String> expire() {
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
