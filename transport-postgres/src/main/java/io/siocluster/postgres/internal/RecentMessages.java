package io.siocluster.postgres.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Hashes of the (channel, payload) pairs received lately, with when each came, so that a replay after a
 * reconnect can skip the rows this node had already received before its connection broke. A multiset:
 * identical payloads (Node's messages carry no number) are counted, and each replayed twin consumes one.
 * Only entries younger than {@code keep} are held, and at most {@code maxEntries} (the oldest are dropped
 * first: their replayed twins are then not skipped here, and the cluster drops the numbered ones as
 * duplicates). 16 bytes an entry, grown on demand. Listener thread only.
 */
final class RecentMessages {

    private static final int INITIAL = 1 << 10;

    private final long keepNanos;
    private final int maxEntries;
    private long[] hashes;
    private long[] times;
    private int head; // oldest
    private int size;

    RecentMessages(long keepNanos, int maxEntries) {
        this.keepNanos = keepNanos;
        this.maxEntries = maxEntries;
        this.hashes = new long[Math.min(INITIAL, maxEntries)];
        this.times = new long[hashes.length];
    }

    /** FNV-1a over both strings' chars with a separator, then a final mix: 64 bits make collisions negligible. */
    static long hash(String channel, String payload) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < channel.length(); i++) {
            h = (h ^ channel.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ 0x10000) * 0x100000001b3L; // not a char: channel "ab"+payload "c" differs from "a"+"bc"
        for (int i = 0; i < payload.length(); i++) {
            h = (h ^ payload.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    void add(long hash, long now) {
        while (size > 0 && now - times[head] > keepNanos) {
            removeOldest();
        }
        if (size == hashes.length) {
            if (hashes.length < maxEntries) {
                grow();
            } else {
                removeOldest();
            }
        }
        int tail = (head + size) % hashes.length;
        hashes[tail] = hash;
        times[tail] = now;
        size++;
    }

    /** How many of each hash were received at or after {@code since} (a {@code System.nanoTime()} value). */
    Map<Long, Integer> countsSince(long since) {
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i < size; i++) {
            int at = (head + i) % hashes.length;
            if (times[at] - since >= 0) {
                counts.merge(hashes[at], 1, Integer::sum);
            }
        }
        return counts;
    }

    int size() {
        return size;
    }

    private void removeOldest() {
        head = (head + 1) % hashes.length;
        size--;
    }

    private void grow() {
        int capacity = Math.min(maxEntries, hashes.length * 2);
        long[] newHashes = new long[capacity];
        long[] newTimes = new long[capacity];
        for (int i = 0; i < size; i++) {
            int at = (head + i) % hashes.length;
            newHashes[i] = hashes[at];
            newTimes[i] = times[at];
        }
        hashes = newHashes;
        times = newTimes;
        head = 0;
    }
}
