package io.siocluster.postgres;

import static io.siocluster.postgres.Futures.failure;
import static io.siocluster.postgres.Futures.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.spi.Transport;
import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.error.TransportUnavailableException;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node stores its own attachments and reads its peers' through one blob store. While the table is stalled (a
 * long migration's lock, say), its stores pile up to their bound and further ones are refused, which their
 * publishers see; its reads must still be taken, or a peer's message the peer saw published is lost here.
 */
@ExtendWith(PostgresExtension.class)
@DisplayName("blob queue: stores and reads bounded apart")
class BlobQueueTest {

    /** PgBlobStore.QUEUE_CAPACITY, package-private in the internal package. */
    private static final int BOUND = 1_000;

    private final PostgresDatabase db;

    BlobQueueTest(PostgresDatabase db) {
        this.db = db;
    }

    @Test
    @DisplayName("with 1,000 stores waiting on a locked table, the next store is refused at once and a read is still taken")
    void storesAtTheirBoundDoNotRefuseReads() throws Exception {
        String table = db.uniqueTableName("blobqueue");
        try (Transport node = PostgresTransport.create(TestTransports.options(db, table).build())) {
            BlobStore blobs = node.blobStore().orElseThrow();
            String stored = join(blobs.put(new byte[] {1, 2, 3}));
            List<CompletableFuture<String>> waiting = new ArrayList<>();
            CompletionStage<Optional<byte[]>> read;
            try (Connection lock = db.connect(); Statement statement = lock.createStatement()) {
                lock.setAutoCommit(false);
                statement.execute("LOCK TABLE \"" + table + "\" IN ACCESS EXCLUSIVE MODE");
                for (int i = 0; i < BOUND; i++) {
                    waiting.add(blobs.put(new byte[] {(byte) i}).toCompletableFuture());
                }
                Throwable refused = failure(blobs.put(new byte[] {9}), Duration.ofSeconds(1));
                assertThat(refused).isInstanceOf(TransportUnavailableException.class).hasMessageContaining("full");

                read = blobs.get(stored);
                assertThat(read.toCompletableFuture().isCompletedExceptionally()).as("the read was taken").isFalse();
                lock.commit();
            }
            assertThat(join(read)).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(1, 2, 3));
            CompletableFuture.allOf(waiting.toArray(new CompletableFuture<?>[0])).get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(join(blobs.put(new byte[] {7}))).as("the bound is free again").isNotBlank();
        }
    }
}
