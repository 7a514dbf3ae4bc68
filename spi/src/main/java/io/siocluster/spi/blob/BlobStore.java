package io.siocluster.spi.blob;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Stores payloads too large for a message; a message then carries only the id. Entries live for seconds:
 * the cluster purges them by age. Every transport instance on the same bus sees the same entries.
 * Failures are reported through the returned stages, never thrown.
 */
public interface BlobStore {

    /**
     * Stores a copy of {@code bytes} (later changes to the array do not affect the entry).
     *
     * @return an opaque id, unique on the bus; for PostgreSQL the row id in decimal
     */
    CompletionStage<String> put(byte[] bytes);

    /** The bytes stored under {@code id}, or empty when there are none (unknown, malformed or purged id). */
    CompletionStage<Optional<byte[]>> get(String id);

    /**
     * Removes entries stored more than {@code age} ago, as measured by the store's own clock.
     *
     * @return how many entries were removed
     */
    CompletionStage<Long> purgeOlderThan(Duration age);
}
