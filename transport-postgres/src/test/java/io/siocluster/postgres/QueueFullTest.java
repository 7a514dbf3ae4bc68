package io.siocluster.postgres;

import static io.siocluster.postgres.Futures.failure;
import static io.siocluster.postgres.Futures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.error.TransportConfigurationException;
import io.siocluster.spi.error.TransportUnavailableException;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.spi.messaging.OverloadPolicy;
import io.siocluster.tck.MessageRecorder;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A full publish queue fails new publishes (REJECT, the default) or the oldest queued one (DROP_OLDEST) at once with a
 * transient error; queued ones still go out, in order.
 */
@ExtendWith(PostgresExtension.class)
class QueueFullTest {

    private final PostgresDatabase db;
    private final String table;

    QueueFullTest(PostgresDatabase db) {
        this.db = db;
        this.table = db.uniqueTableName("queue_full");
    }

    @Test
    void aFullQueueFailsFastAndTheQueuedMessagesStillGoOut() throws Exception {
        GatedDataSource gated = new GatedDataSource(db.dataSource());
        TransportOptions.Builder options = TestTransports.options(db, table)
                .option(PostgresOptions.URL, null)
                .option(PostgresOptions.DATA_SOURCE, gated)
                .option(PostgresOptions.LISTENER_URL, db.jdbcUrl())
                .option(PostgresOptions.QUEUE_CAPACITY, 2)
                .option(PostgresOptions.START_DEGRADED, true); // the gate would hold the start-up check
        try (Transport node = PostgresTransport.create(options.build());
                Transport listener = PostgresTransport.create(TestTransports.options(db, table).build())) {
            String channel = db.uniqueName("full");
            MessageRecorder recorder = new MessageRecorder();
            join(listener.messaging().subscribe(channel, recorder).ready());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> node.liveness().state() == LivenessState.UP);

            CompletionStage<Void> first = node.messaging().publish(channel, "1");
            assertThat(gated.awaitWaiter(10)).as("the publisher took message 1 and waits for a connection").isTrue();
            CompletionStage<Void> second = node.messaging().publish(channel, "2");
            CompletionStage<Void> third = node.messaging().publish(channel, "3");
            long start = System.nanoTime();
            CompletionStage<Void> fourth = node.messaging().publish(channel, "4");
            Throwable refused = failure(fourth, Duration.ofMillis(100));
            long micros = (System.nanoTime() - start) / 1_000;

            assertThat(refused).isInstanceOf(TransportUnavailableException.class).hasMessageContaining("queue")
                    .hasMessageContaining("full");
            assertThat(((TransportUnavailableException) refused).isTransient()).isTrue();
            assertThat(micros).as("the refusal is immediate (µs)").isLessThan(100_000);
            assertThat(first.toCompletableFuture().isDone()).isFalse();

            gated.open();
            CompletableFuture.allOf(first.toCompletableFuture(), second.toCompletableFuture(), third.toCompletableFuture())
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            recorder.awaitCount("queued messages", 3, Duration.ofSeconds(10));
            assertThat(recorder.payloads()).containsExactly("1", "2", "3");
        }
    }

    @Test
    void dropOldestFailsTheOldestQueuedPublishAndQueuesTheNewOne() throws Exception {
        GatedDataSource gated = new GatedDataSource(db.dataSource());
        TransportOptions.Builder options = TestTransports.options(db, table)
                .option(PostgresOptions.URL, null)
                .option(PostgresOptions.DATA_SOURCE, gated)
                .option(PostgresOptions.LISTENER_URL, db.jdbcUrl())
                .option(PostgresOptions.QUEUE_CAPACITY, 2)
                .option(PostgresOptions.QUEUE_FULL_POLICY, OverloadPolicy.DROP_OLDEST)
                .option(PostgresOptions.START_DEGRADED, true);
        try (Transport node = PostgresTransport.create(options.build());
                Transport listener = PostgresTransport.create(TestTransports.options(db, table).build())) {
            String channel = db.uniqueName("dropold");
            MessageRecorder recorder = new MessageRecorder();
            join(listener.messaging().subscribe(channel, recorder).ready());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> node.liveness().state() == LivenessState.UP);

            CompletionStage<Void> first = node.messaging().publish(channel, "1");
            assertThat(gated.awaitWaiter(10)).as("the publisher took message 1 and waits for a connection").isTrue();
            CompletionStage<Void> second = node.messaging().publish(channel, "2");
            CompletionStage<Void> third = node.messaging().publish(channel, "3");
            long start = System.nanoTime();
            CompletionStage<Void> fourth = node.messaging().publish(channel, "4");
            Throwable dropped = failure(second, Duration.ofMillis(100));
            long micros = (System.nanoTime() - start) / 1_000;

            assertThat(dropped).isInstanceOf(TransportUnavailableException.class).hasMessageContaining("oldest")
                    .hasMessageContaining("DROP_OLDEST");
            assertThat(micros).as("the drop is immediate (µs)").isLessThan(100_000);
            assertThat(fourth.toCompletableFuture().isDone()).as("the new one waits its turn").isFalse();

            gated.open();
            CompletableFuture.allOf(first.toCompletableFuture(), third.toCompletableFuture(), fourth.toCompletableFuture())
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            recorder.awaitCount("kept messages", 3, Duration.ofSeconds(10));
            assertThat(recorder.payloads()).containsExactly("1", "3", "4");
        }
    }

    @Test
    void theQueueFullPolicyReadsFromText() {
        assertThat(TestTransports.options(db, table).option(PostgresOptions.QUEUE_FULL_POLICY, " drop_oldest ").build()
                .get(PostgresOptions.QUEUE_FULL_POLICY)).contains(OverloadPolicy.DROP_OLDEST);
        assertThatThrownBy(() -> PostgresTransport.create(TestTransports.options(db, table)
                .option(PostgresOptions.QUEUE_FULL_POLICY, "sideways").build()))
                .isInstanceOf(TransportConfigurationException.class).hasMessageContaining("postgres.queueFullPolicy");
    }

    @Test
    void aDataSourceOfUnknownKindNeedsAListenerUrl() {
        TransportOptions options = TestTransports.options(db, table)
                .option(PostgresOptions.URL, null)
                .option(PostgresOptions.DATA_SOURCE, new GatedDataSource(db.dataSource()))
                .build();

        assertThatThrownBy(() -> PostgresTransport.create(options)).isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining("postgres.listenerUrl");
    }
}
