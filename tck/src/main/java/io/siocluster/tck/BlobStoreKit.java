package io.siocluster.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.spi.Transport;
import io.siocluster.spi.error.TransportClosedException;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import io.siocluster.spi.blob.BlobStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Blob store rules B1-B6. Extend it and implement {@link #transportOptions()}. The blob store is optional: for
 * a transport whose {@link Transport#blobStore()} is empty every rule is skipped with that reason, never passed.
 */
@DisplayName("Blob store")
public abstract class BlobStoreKit extends TransportKitSupport {

    @BeforeEach
    final void requireBlobStore() {
        assumeThat(newTransport().blobStore()).as("this transport declares no blob store (Transport.blobStore() is"
                + " empty): its users carry every payload inline, so the blob store rules do not apply").isPresent();
    }

    private static BlobStore blobs(Transport node) {
        return node.blobStore().orElseThrow();
    }

    @Nested
    @DisplayName("Blob store: round trips")
    class RoundTrips {

        @ParameterizedTest(name = "B1 a blob of {0} bytes stored by one node is read back exactly by another")
        @ValueSource(ints = {0, 1, 1 << 20, 16 << 20})
        void roundTrip(int size) {
            Transport writer = newTransport();
            Transport reader = newTransport();
            byte[] bytes = randomBytes(size);

            String id = join(blobs(writer).put(bytes));
            Optional<byte[]> read = join(blobs(reader).get(id));

            assertThat(read).as("B1 the blob is found by id on another node").isPresent();
            assertThat(read.get()).as("B1 the %d bytes read back are the bytes stored", size).isEqualTo(bytes);
        }

        @Test
        @DisplayName("B2 every put gets its own id, even for identical bytes")
        void idsAreDistinct() {
            Transport node = newTransport();
            byte[] bytes = {42, 43};

            String first = join(blobs(node).put(bytes));
            String second = join(blobs(node).put(bytes));

            assertThat(first).as("B2 two puts, two ids").isNotEqualTo(second);
            assertThat(join(blobs(node).get(second))).as("B2 both entries exist").contains(bytes);
        }

        @Test
        @DisplayName("B3 an unknown or malformed id reads as empty, not as an error")
        void missingIds() {
            Transport node = newTransport();
            join(blobs(node).put(new byte[] {1}));

            for (String id : new String[] {"999999999999", "not-an-id", "", "-1", "1; DROP TABLE x", "1.5", "'"}) {
                assertThat(join(blobs(node).get(id))).as("B3 get(\"%s\") is empty", id).isEmpty();
            }
        }

        @Test
        @DisplayName("B5 the store keeps a copy: changing the array after put does not change the entry")
        void putCopies() {
            Transport node = newTransport();
            byte[] bytes = {1, 2, 3};

            String id = join(blobs(node).put(bytes));
            bytes[0] = 9;

            assertThat(join(blobs(node).get(id))).as("B5 the stored entry").contains(new byte[] {1, 2, 3});
        }
    }

    @Nested
    @DisplayName("Blob store: purge")
    class Purge {

        @Test
        @DisplayName("B4 purge removes entries older than the age and keeps younger ones")
        void purgeByAge() {
            Transport node = newTransport();
            Duration age = Duration.ofMillis(300);
            String old = join(blobs(node).put(new byte[] {1}));

            // Each round stores a fresh entry and purges: the fresh one must survive every round, and the
            // old one must be gone once it is older than the age.
            await("B4 the old entry is purged once older than " + age).atMost(TckTimeouts.delivery())
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        String fresh = join(blobs(node).put(new byte[] {2}));
                        join(blobs(node).purgeOlderThan(age));
                        assertThat(join(blobs(node).get(fresh)))
                                .as("B4 an entry younger than the age survives purge").isPresent();
                        assertThat(join(blobs(node).get(old))).as("B4 the old entry").isEmpty();
                    });
        }
    }

    @Nested
    @DisplayName("Blob store: lifecycle")
    class Lifecycle {

        @Test
        @DisplayName("B6 after close every blob operation fails with TransportClosedException")
        void useAfterClose() {
            Transport node = newTransport();
            node.close();

            assertThat(failureOf("B6", blobs(node).put(new byte[] {1}))).as("B6 put after close")
                    .isInstanceOf(TransportClosedException.class);
            assertThat(failureOf("B6", blobs(node).get("1"))).as("B6 get after close")
                    .isInstanceOf(TransportClosedException.class);
            assertThat(failureOf("B6", blobs(node).purgeOlderThan(Duration.ZERO))).as("B6 purge after close")
                    .isInstanceOf(TransportClosedException.class);
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
