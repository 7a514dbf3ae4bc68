package io.siocluster.inmemory.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The bus's blob store: ids are a counter in decimal, like PostgreSQL's bigserial. */
public final class BlobTable {

    private record Entry(byte[] bytes, Instant storedAt) {
    }

    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    public BlobTable(Clock clock) {
        this.clock = clock;
    }

    public String put(byte[] bytes) {
        long id = ids.incrementAndGet();
        entries.put(id, new Entry(bytes.clone(), clock.instant()));
        return Long.toString(id);
    }

    public Optional<byte[]> get(String id) {
        long key;
        try {
            key = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Optional.empty(); // not an id this store could have made
        }
        Entry entry = entries.get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.bytes().clone());
    }

    public long purgeOlderThan(Duration age) {
        Instant cutoff = clock.instant().minus(age);
        long removed = 0;
        for (Map.Entry<Long, Entry> e : entries.entrySet()) {
            if (e.getValue().storedAt().isBefore(cutoff) && entries.remove(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        return removed;
    }
}
