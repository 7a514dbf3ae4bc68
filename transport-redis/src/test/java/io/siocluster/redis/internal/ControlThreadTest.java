package io.siocluster.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The control thread's turn: another thread runs control work in place only while no control task runs")
class ControlThreadTest {

    private final ControlThread control = new ControlThread(r -> new Thread(r, "test-control"));

    @AfterEach
    void stop() {
        control.shutdownNow();
    }

    @Test
    @DisplayName("while the control thread is idle, a task runs at once on the calling thread")
    void runsInPlaceWhenIdle() {
        AtomicReference<String> ranOn = new AtomicReference<>();

        boolean ran = control.tryRunHere(() -> ranOn.set(Thread.currentThread().getName()));

        assertThat(ran).isTrue();
        assertThat(ranOn.get()).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    @DisplayName("while a control task runs, nothing runs in place: the task is queued and runs after it, on the control thread")
    void queuesWhileAControlTaskRuns() throws Exception {
        CountDownLatch inTask = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        control.execute(() -> {
            inTask.countDown();
            waitFor(release);
            order.add("control task");
        });
        assertThat(inTask.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(control.tryRunHere(() -> order.add("in place"))).isFalse();
        CountDownLatch queuedRan = new CountDownLatch(1);
        AtomicReference<String> queuedOn = new AtomicReference<>();
        control.runHereOrQueue(() -> {
            order.add("queued");
            queuedOn.set(Thread.currentThread().getName());
            queuedRan.countDown();
        });
        release.countDown();

        assertThat(queuedRan.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("control task", "queued");
        assertThat(queuedOn.get()).isEqualTo("test-control");
    }

    @Test
    @DisplayName("a task already in the turn does not run another in place inside it (no nesting)")
    void doesNotNest() throws Exception {
        AtomicBoolean nested = new AtomicBoolean(true);
        CountDownLatch done = new CountDownLatch(1);
        control.execute(() -> {
            nested.set(control.tryRunHere(() -> { }));
            done.countDown();
        });

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(nested.get()).isFalse();
        // and the turn is free again once the task has returned (done counts down just before it does)
        await("the turn is free again").atMost(Duration.ofSeconds(5)).until(() -> control.tryRunHere(() -> { }));
    }

    @Test
    @DisplayName("once closed, a queued task is dropped rather than thrown at the caller")
    void dropsOnceClosed() throws Exception {
        CountDownLatch inTask = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        control.execute(() -> {
            inTask.countDown();
            waitFor(release);
        });
        assertThat(inTask.await(5, TimeUnit.SECONDS)).isTrue();
        control.shutdown();
        AtomicBoolean ran = new AtomicBoolean();

        control.runHereOrQueue(() -> ran.set(true));
        release.countDown();

        assertThat(control.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).isFalse();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
