package io.siocluster.postgres;

import static io.siocluster.postgres.Futures.failure;
import static io.siocluster.postgres.Futures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.Transports;
import io.siocluster.spi.error.TransientTransportException;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.tck.LivenessRecorder;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.tck.MessageRecorder;
import io.siocluster.embeddedpostgres.EmbeddedPostgresServer;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole server goes away and comes back on the same port (the Node adapter's listener dies for good
 * here). Runs on an embedded PostgreSQL of its own whatever SIO_PG_URL says, so the embedded path is
 * exercised on every run.
 */
class ServerRestartTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.privateEmbedded();

    private static TransportOptions options(PostgresDatabase db, String table) {
        return TestTransports.options(db, table).option(PostgresOptions.PING_INTERVAL, Duration.ofSeconds(1)).build();
    }

    @Test
    void aRestartIsReportedAsAGapAndDeliveryResumes(PostgresDatabase db) {
        EmbeddedPostgresServer server = db.embeddedServer().orElseThrow();
        String table = db.uniqueTableName("restart");
        try (Transport node = Transports.create(options(db, table));
                Transport publisher = Transports.create(options(db, table))) {
            String channel = db.uniqueName("restart");
            MessageRecorder recorder = new MessageRecorder();
            join(node.messaging().subscribe(channel, recorder).ready());
            join(publisher.messaging().publish(channel, "before"));
            recorder.awaitPayload("before the restart", "before", Duration.ofSeconds(5));
            String blob = join(publisher.blobStore().orElseThrow().put(new byte[] {1, 2, 3}));
            LivenessRecorder events = new LivenessRecorder();
            node.liveness().addListener(events);

            server.stop();
            events.awaitEvent("ServerRestartTest", LivenessEvent.DOWN, Duration.ofSeconds(5));
            long start = System.nanoTime();
            Throwable failure = failure(node.messaging().publish(channel, "during"), Duration.ofSeconds(2));
            assertThat(failure).as("publishing during the outage").isInstanceOf(TransientTransportException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
            server.startAgain();

            long restarted = System.nanoTime();
            events.awaitEvent("ServerRestartTest", LivenessEvent.UP_AFTER_GAP, Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.liveness().state() == LivenessState.UP);
            join(publisher.messaging().publish(channel, "after"));
            recorder.awaitPayload("after the restart", "after", Duration.ofSeconds(5));
            Duration recovery = Duration.ofNanos(System.nanoTime() - restarted);

            assertThat(recorder.payloads()).containsExactly("before", "after");
            assertThat(events.events()).containsExactly(LivenessEvent.DOWN, LivenessEvent.UP_AFTER_GAP);
            assertThat(recovery).as("from server start to delivery").isLessThan(Duration.ofSeconds(5));
            assertThat(join(node.blobStore().orElseThrow().get(blob))).as("a clean shutdown keeps unlogged rows")
                    .hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
        }
    }

    @Test
    void aNodeStartedWhileTheServerIsDownConnectsWhenItComesUp(PostgresDatabase db) {
        EmbeddedPostgresServer server = db.embeddedServer().orElseThrow();
        String table = db.uniqueTableName("late");
        server.stop();
        TransportOptions degraded = TestTransports.options(db, table).option(PostgresOptions.PING_INTERVAL, Duration.ofSeconds(1))
                .option(PostgresOptions.START_DEGRADED, true).build();
        try (Transport node = Transports.create(degraded)) {
            LivenessRecorder events = new LivenessRecorder();
            node.liveness().addListener(events);
            String channel = db.uniqueName("late");
            MessageRecorder recorder = new MessageRecorder();
            var subscription = node.messaging().subscribe(channel, recorder);

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    failure(node.messaging().publish(channel, "too early"), Duration.ofSeconds(6))
                            instanceof TransientTransportException);
            assertThat(node.liveness().state()).isEqualTo(LivenessState.DOWN);
            assertThat(subscription.ready().toCompletableFuture().isDone()).isFalse();

            server.startAgain();
            events.awaitEvent("ServerRestartTest", LivenessEvent.UP, Duration.ofSeconds(10));
            join(subscription.ready());
            join(node.messaging().publish(channel, "hello"));
            recorder.awaitPayload("after the server came up", "hello", Duration.ofSeconds(5));
            assertThat(events.events()).as("the first connection is UP, not a gap").containsExactly(LivenessEvent.UP);
            assertThat(join(node.blobStore().orElseThrow().put(new byte[] {9}))).matches("[0-9]+");
        } finally {
            server.startAgain();
        }
    }

    @Test
    void anUnreachableServerNeverBlocksCreation(PostgresDatabase db) {
        TransportOptions nowhere = TestTransports.options(db, db.uniqueName("x"))
                .option(PostgresOptions.URL, "jdbc:postgresql://127.0.0.1:9/none?connectTimeout=2")
                .option(PostgresOptions.START_DEGRADED, true)
                .build();
        long start = System.nanoTime();
        try (Transport node = Transports.create(nowhere)) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(node.liveness().state()).isEqualTo(LivenessState.DOWN);
            assertThat(Optional.of(failure(node.blobStore().orElseThrow().put(new byte[] {1}), Duration.ofSeconds(10))))
                    .hasValueSatisfying(f -> assertThat(f).isInstanceOf(TransientTransportException.class));
        }
    }
}
