package io.siocluster.postgres;

import static io.siocluster.postgres.Futures.failure;
import static io.siocluster.postgres.Futures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.spi.Transport;
import io.siocluster.spi.error.TransportUnavailableException;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.tck.LivenessRecorder;
import io.siocluster.tck.MessageRecorder;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The first publish after an outage is the node's re-announcement: if it fails, peers relearn the node
 * only a heartbeat interval later. Here the publisher is busy when the outage starts (so it would keep its
 * connection), and that connection's server process dies during the outage.
 */
@ExtendWith(PostgresExtension.class)
class StalePublisherConnectionTest {

    private final PostgresDatabase db;

    StalePublisherConnectionTest(PostgresDatabase db) {
        this.db = db;
    }

    @Test
    @SuppressWarnings("try") // the outage handle is only closed
    void theFirstPublishAfterAnOutageSucceedsThoughTheConnectionUsedBeforeItDied() throws Exception {
        String table = db.uniqueTableName("stale");
        String applicationName = "sio-test-" + db.uniqueName("stale");
        PGSimpleDataSource direct = new PGSimpleDataSource();
        direct.setURL(db.jdbcUrl());
        db.user().ifPresent(direct::setUser);
        db.password().ifPresent(direct::setPassword);
        direct.setApplicationName(applicationName); // to find and end its server process
        GatedDataSource gated = new GatedDataSource(direct);
        ListenerFaults faults = new ListenerFaults(db);
        try (Transport node = PostgresTransport.create(faults.install(TestTransports.options(db, table))
                        .option(PostgresOptions.URL, null).option(PostgresOptions.DATA_SOURCE, gated)
                        .option(PostgresOptions.START_DEGRADED, true) // the gate would hold the start-up check
                        .build());
                Transport observer = PostgresTransport.create(TestTransports.options(db, table).build())) {
            String channel = db.uniqueName("stale");
            MessageRecorder received = new MessageRecorder();
            join(observer.messaging().subscribe(channel, received).ready());
            await().atMost(Duration.ofSeconds(10)).until(() -> node.liveness().state() == LivenessState.UP);
            LivenessRecorder events = new LivenessRecorder();
            node.liveness().addListener(events);

            // The publisher takes "one" and waits at the gate for a connection; "two" queues behind it.
            CompletionStage<Void> one = node.messaging().publish(channel, "one");
            assertThat(gated.awaitWaiter(10)).isTrue();
            CompletionStage<Void> two = node.messaging().publish(channel, "two");
            try (AutoCloseable outage = faults.cut(node)) {
                events.awaitEvent("outage", LivenessEvent.DOWN, Duration.ofSeconds(5));
                gated.open(); // "one" goes out (sending needs no listener); "two" meets the outage
                join(one);
                assertThat(failure(two, Duration.ofSeconds(5))).isInstanceOf(TransportUnavailableException.class);
                db.queryLong("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?",
                        applicationName);
                await().atMost(Duration.ofSeconds(5)).until(() -> db.queryLong(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", applicationName) == 0);
            }
            events.awaitEvent("recovery", LivenessEvent.UP_AFTER_GAP, Duration.ofSeconds(5));

            join(node.messaging().publish(channel, "first after the outage"));

            received.awaitPayload("delivery", "first after the outage", Duration.ofSeconds(5));
            assertThat(received.payloads()).containsExactly("one", "first after the outage");
        }
    }
}
