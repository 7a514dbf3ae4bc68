package io.siocluster.postgres;

import static io.siocluster.postgres.Futures.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.spi.Transport;
import io.siocluster.spi.Transports;
import io.siocluster.tck.MessageRecorder;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batches are one transaction, and PostgreSQL folds identical notifications of one transaction: the
 * publisher must split batches so that every publish is delivered, in order, whatever the batch size.
 */
@ExtendWith(PostgresExtension.class)
class BatchingTest {

    private final PostgresDatabase db;
    private final String table;
    private final List<Transport> nodes = new ArrayList<>();

    BatchingTest(PostgresDatabase db) {
        this.db = db;
        this.table = db.uniqueTableName("batching");
    }

    @AfterEach
    void close() {
        nodes.forEach(Transport::close);
    }

    private Transport node(int maxBatchSize) {
        Transport node = Transports.create(TestTransports.options(db, table)
                .option(PostgresOptions.MAX_BATCH_SIZE, maxBatchSize).build());
        nodes.add(node);
        return node;
    }

    @ParameterizedTest(name = "max batch size {0}: identical payloads published in a burst all arrive")
    @ValueSource(ints = {1, 3, 1000})
    void identicalPayloadsInOneBurst(int maxBatchSize) {
        Transport node = node(maxBatchSize);
        String channel = db.uniqueName("dup");
        MessageRecorder recorder = new MessageRecorder();
        join(node.messaging().subscribe(channel, recorder).ready());

        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sent.add(node.messaging().publish(channel, i % 50 == 49 ? "other " + i : "same").toCompletableFuture());
        }
        sent.forEach(Futures::join);

        recorder.awaitCount("all 500", 500, Duration.ofSeconds(20));
        List<String> expected = IntStream.range(0, 500).mapToObj(i -> i % 50 == 49 ? "other " + i : "same").toList();
        assertThat(recorder.payloads()).containsExactlyElementsOf(expected);
    }

    @Test
    void oneBatchAcrossChannelsKeepsEachChannelsOrder() {
        Transport node = node(1000);
        String a = db.uniqueName("a");
        String b = db.uniqueName("b");
        MessageRecorder onA = new MessageRecorder();
        MessageRecorder onB = new MessageRecorder();
        join(node.messaging().subscribe(a, onA).ready());
        join(node.messaging().subscribe(b, onB).ready());

        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            sent.add(node.messaging().publish(i % 3 == 0 ? a : b, Integer.toString(i)).toCompletableFuture());
        }
        sent.forEach(Futures::join);

        onA.awaitCount("channel a", 667, Duration.ofSeconds(20));
        onB.awaitCount("channel b", 1333, Duration.ofSeconds(20));
        assertThat(onA.payloads()).containsExactlyElementsOf(
                IntStream.range(0, 2000).filter(i -> i % 3 == 0).mapToObj(Integer::toString).toList());
        assertThat(onB.payloads()).containsExactlyElementsOf(
                IntStream.range(0, 2000).filter(i -> i % 3 != 0).mapToObj(Integer::toString).toList());
    }

    @Test
    void payloadsThatLookLikeArraySyntaxSurviveTheArrayParameter() {
        Transport node = node(1000);
        String channel = db.uniqueName("arr");
        MessageRecorder recorder = new MessageRecorder();
        join(node.messaging().subscribe(channel, recorder).ready());
        List<String> payloads = List.of("NULL", "null", "{a,b}", "\"", "\\", "", " ", "a,b", "}{", "'; SELECT 1; --",
                "x".repeat(7999));

        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (String p : payloads) {
            sent.add(node.messaging().publish(channel, p).toCompletableFuture());
        }
        sent.forEach(Futures::join);

        recorder.awaitCount("all", payloads.size(), Duration.ofSeconds(10));
        assertThat(recorder.payloads()).containsExactlyElementsOf(payloads);
    }
}
