package io.siocluster.postgres;

import static io.siocluster.postgres.Futures.failure;
import static io.siocluster.postgres.Futures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.spi.Transport;
import io.siocluster.spi.error.TransportUnavailableException;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.tck.LivenessRecorder;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.tck.MessageRecorder;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** pg_terminate_backend on the listener's backend: the node notices, reports the gap, and recovers by itself. */
@ExtendWith(PostgresExtension.class)
class ListenerTerminationTest {

    private final PostgresDatabase db;
    private final String table;
    private final ListenerFaults faults;
    private Transport node;
    private Transport publisher;

    ListenerTerminationTest(PostgresDatabase db) {
        this.db = db;
        this.table = db.uniqueTableName("termination");
        this.faults = new ListenerFaults(db);
    }

    @AfterEach
    void close() {
        node.close();
        publisher.close();
    }

    private void start() {
        node = PostgresTransport.create(faults.install(TestTransports.options(db, table)).build());
        publisher = PostgresTransport.create(TestTransports.options(db, table).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> node.liveness().state() == LivenessState.UP
                && publisher.liveness().state() == LivenessState.UP);
    }

    @Test
    void terminatedListenerReportsDownThenUpAfterGapAndDeliveryResumes() throws Exception {
        start();
        String channel = db.uniqueName("term");
        MessageRecorder recorder = new MessageRecorder();
        join(node.messaging().subscribe(channel, recorder).ready());
        LivenessRecorder events = new LivenessRecorder();
        node.liveness().addListener(events);
        String listenerName = "sio-cluster-listener-" + ((PostgresTransport) node).instanceName();
        assertThat(db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", listenerName))
                .as("the listener is one dedicated connection, named for the node").isEqualTo(1);

        // Terminate without blocking reconnects: the node must come back on its own, at once.
        long start = System.nanoTime();
        faults.cut(node).close();
        events.awaitEvent("ListenerTerminationTest", LivenessEvent.UP_AFTER_GAP, Duration.ofSeconds(5));
        join(publisher.messaging().publish(channel, "after the gap"));
        recorder.awaitPayload("delivery resumes", "after the gap", Duration.ofSeconds(5));
        Duration recovery = Duration.ofNanos(System.nanoTime() - start);

        assertThat(events.events()).containsExactly(LivenessEvent.DOWN, LivenessEvent.UP_AFTER_GAP);
        assertThat(recovery).as("from termination to delivery").isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @SuppressWarnings("try") // the outage handle is only closed
    void publishingDuringTheOutageFailsFastWithATransientError() throws Exception {
        start();
        LivenessRecorder events = new LivenessRecorder();
        node.liveness().addListener(events);
        String channel = db.uniqueName("outage");
        MessageRecorder recorder = new MessageRecorder();
        join(node.messaging().subscribe(channel, recorder).ready());

        try (AutoCloseable outage = faults.cut(node)) {
            events.awaitEvent("ListenerTerminationTest", LivenessEvent.DOWN, Duration.ofSeconds(5));
            long start = System.nanoTime();
            Throwable failure = failure(node.messaging().publish(channel, "while down"), Duration.ofSeconds(1));
            assertThat(failure).isInstanceOf(TransportUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
        }
        events.awaitEvent("ListenerTerminationTest", LivenessEvent.UP_AFTER_GAP, Duration.ofSeconds(5));
        join(node.messaging().publish(channel, "back"));
        recorder.awaitPayload("own messages flow again", "back", Duration.ofSeconds(5));
        assertThat(recorder.payloads()).containsExactly("back");
    }
}
