package io.siocluster.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.spi.Transport;
import io.siocluster.spi.Transports;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No loss, no duplicate in steady state: 100,000 messages from 4 publishing threads (two per transport),
 * every subscriber on two other transports receives each exactly once, each thread's in its order.
 */
@ExtendWith(PostgresExtension.class)
class SteadyStateTest {

    private static final int THREADS = 4;
    private static final int EACH = 25_000;
    private static final int IN_FLIGHT = 1_000;

    private final PostgresDatabase db;
    private final String table;
    private final List<Transport> nodes = new ArrayList<>();

    SteadyStateTest(PostgresDatabase db) {
        this.db = db;
        this.table = db.uniqueTableName("steady");
    }

    @AfterEach
    void close() {
        nodes.forEach(Transport::close);
    }

    private Transport node() {
        Transport node = Transports.create(TestTransports.options(db, table).build());
        nodes.add(node);
        return node;
    }

    /** Checks one subscriber's stream as it arrives: per thread, numbers must be exactly 0, 1, 2, ... */
    private static final class Checker {
        final int[] next = new int[THREADS];
        final AtomicInteger received = new AtomicInteger();
        final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

        void onMessage(String channel, String payload) {
            int colon = payload.indexOf(':');
            int thread = Integer.parseInt(payload.substring(0, colon));
            int seq = Integer.parseInt(payload.substring(colon + 1));
            if (seq != next[thread]) { // only the dispatcher thread calls this
                problems.add("thread " + thread + ": expected " + next[thread] + " got " + seq);
            }
            next[thread] = seq + 1;
            received.incrementAndGet();
        }
    }

    @Test
    void everySubscriberGetsEveryMessageOnceInPublisherOrder() throws Exception {
        String channel = db.uniqueName("steady");
        Transport subscriberNode1 = node();
        Transport subscriberNode2 = node();
        List<Checker> checkers = List.of(new Checker(), new Checker(), new Checker());
        Futures.join(subscriberNode1.messaging().subscribe(channel, checkers.get(0)::onMessage).ready());
        Futures.join(subscriberNode1.messaging().subscribe(channel, checkers.get(1)::onMessage).ready());
        Futures.join(subscriberNode2.messaging().subscribe(channel, checkers.get(2)::onMessage).ready());
        List<Transport> publishers = List.of(node(), node());

        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            Transport publisher = publishers.get(t % 2);
            int thread = t;
            Thread worker = new Thread(() -> {
                Semaphore window = new Semaphore(IN_FLIGHT);
                for (int i = 0; i < EACH && failure.get() == null; i++) {
                    window.acquireUninterruptibly();
                    publisher.messaging().publish(channel, thread + ":" + i).whenComplete((ok, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                        window.release();
                    });
                }
                window.acquireUninterruptibly(IN_FLIGHT);
            }, "steady-publisher-" + t);
            worker.start();
            threads.add(worker);
        }
        for (Thread thread : threads) {
            thread.join(120_000);
        }
        assertThat(failure.get()).as("publish failures").isNull();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> checkers.stream().allMatch(c -> c.received.get() >= THREADS * EACH));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("steady state: %d messages x %d subscribers in %.1f s%n", THREADS * EACH, checkers.size(), seconds);
        for (Checker checker : checkers) {
            assertThat(checker.problems).as("order or duplicate problems").isEmpty();
            assertThat(checker.next).as("every thread's last number + 1").containsOnly(EACH);
            // A short quiet period would show duplicates beyond the expected count.
            assertThat(checker.received.get()).isEqualTo(THREADS * EACH);
        }
    }
}
