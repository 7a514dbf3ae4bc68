package io.siocluster.core.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("NodeExecutor")
class NodeExecutorTest {

    private final NodeExecutor node = new NodeExecutor("node-under-test");

    @AfterEach
    void tearDown() throws InterruptedException {
        node.shutdownNow();
        node.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("an idle node's work runs in place, on the caller's thread, holding the node's turn")
    void idleRunsInPlace() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        AtomicBoolean inTurn = new AtomicBoolean();

        boolean ran = node.runIfIdle(() -> {
            ranOn.set(Thread.currentThread());
            inTurn.set(node.inTurn());
        });

        assertThat(ran).isTrue();
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        assertThat(inTurn).isTrue();
        assertThat(node.inTurn()).as("the turn is given back").isFalse();
    }

    @Test
    @DisplayName("while a task runs on the node's thread, work is not run in place")
    void busyNodeQueues() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        node.execute(() -> {
            running.countDown();
            waitFor(release);
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(node.runIfIdle(() -> { })).isFalse();
        release.countDown();
    }

    @Test
    @DisplayName("timers not yet due do not keep the node from running work in place")
    void futureTimersDoNotCount() {
        node.schedule(() -> { }, 1, TimeUnit.HOURS);

        assertThat(node.runIfIdle(() -> { })).isTrue();
    }

    @Test
    @DisplayName("work run in place does not nest: what it triggers is queued for the node's thread")
    void noNesting() throws Exception {
        AtomicBoolean nested = new AtomicBoolean(true);

        node.runIfIdle(() -> nested.set(node.runIfIdle(() -> { })));

        assertThat(nested).isFalse();
    }

    @Test
    @DisplayName("the node's thread waits for work running in place: node work never overlaps")
    void serial() throws Exception {
        CountDownLatch inPlace = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean overlapped = new AtomicBoolean();
        AtomicBoolean inside = new AtomicBoolean();
        Thread transport = new Thread(() -> node.runIfIdle(() -> {
            inside.set(true);
            inPlace.countDown();
            waitFor(release);
            inside.set(false);
        }), "transport");
        transport.start();
        assertThat(inPlace.await(5, TimeUnit.SECONDS)).isTrue();

        CountDownLatch nodeRan = new CountDownLatch(1);
        node.execute(() -> {
            overlapped.set(inside.get());
            nodeRan.countDown();
        });
        assertThat(nodeRan.await(200, TimeUnit.MILLISECONDS)).as("held off while work runs in place").isFalse();
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> nodeRan.getCount() == 0);
        assertThat(overlapped).isFalse();
        transport.join(5_000);
    }

    @Test
    @DisplayName("a shut-down node runs nothing in place")
    void shutDown() {
        node.shutdown();

        assertThat(node.runIfIdle(() -> { })).isFalse();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
