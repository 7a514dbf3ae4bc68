package io.siocluster.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.spi.support.NamedThreads;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PostgreSQL dispatcher")
class DispatcherTest {

    private final Dispatcher dispatcher = new Dispatcher(NamedThreads.single("dispatcher-test", "dispatch"), 100);

    @AfterEach
    void tearDown() {
        dispatcher.close();
    }

    @Test
    @DisplayName("an idle dispatcher's delivery runs at once on the calling (listener) thread")
    void idleDeliversInPlace() throws Exception {
        Queue<Thread> ranOn = new ConcurrentLinkedQueue<>();

        assertThat(dispatcher.deliver(() -> ranOn.add(Thread.currentThread()))).isTrue();

        assertThat(ranOn).containsExactly(Thread.currentThread());
    }

    @Test
    @DisplayName("behind a queued or running task, deliveries queue and run after it, in order, on the dispatcher's thread")
    void busyQueuesInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Queue<String> order = new ConcurrentLinkedQueue<>();
        Queue<String> threads = new ConcurrentLinkedQueue<>();
        dispatcher.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            order.add("control");
        });
        for (int i = 0; i < 3; i++) {
            String name = "m" + i;
            dispatcher.deliver(() -> {
                order.add(name);
                threads.add(Thread.currentThread().getName());
            });
        }
        assertThat(order).as("nothing overtook the blocked task").isEmpty();
        release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> order.size() == 4);
        assertThat(order).containsExactly("control", "m0", "m1", "m2");
        assertThat(threads).allMatch(name -> name.endsWith("dispatch"));

        // drained: the next delivery runs in place again
        Queue<Thread> later = new ConcurrentLinkedQueue<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            later.clear();
            dispatcher.deliver(() -> later.add(Thread.currentThread()));
            return later.contains(Thread.currentThread());
        });
    }
}
