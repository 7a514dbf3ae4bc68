package io.siocluster.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.spi.Transport;
import io.siocluster.spi.error.TransientTransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Rule M3: several nodes publish numbered messages concurrently; a listening node must receive every
 * message exactly once and each publisher's numbers in increasing order. Publishers keep a bounded number
 * of publishes in flight, as a well-behaved caller of a bounded queue does.
 */
final class OrderCheck {

    private static final int IN_FLIGHT = 256;

    private final Supplier<Transport> nodes;
    private final String channel;
    private final int publishers;
    private final int messagesEach;

    OrderCheck(Supplier<Transport> nodes, String channel, int publishers, int messagesEach) {
        this.nodes = nodes;
        this.channel = channel;
        this.publishers = publishers;
        this.messagesEach = messagesEach;
    }

    void run() throws Exception {
        Transport listener = nodes.get();
        Map<Integer, List<Integer>> received = new ConcurrentHashMap<>();
        MessageRecorder count = new MessageRecorder();
        MessagingKit.ready(listener.messaging().subscribe(channel, (ch, payload) -> {
            int colon = payload.indexOf(':');
            int publisher = Integer.parseInt(payload.substring(1, colon));
            received.computeIfAbsent(publisher, p -> new ArrayList<>()).add(Integer.parseInt(payload.substring(colon + 1)));
            count.onMessage(ch, "");
        }));
        List<Transport> senders = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            senders.add(nodes.get());
        }

        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            Transport sender = senders.get(p);
            int publisher = p;
            running.add(CompletableFuture.runAsync(() -> publishAll(sender, publisher), daemonThreadPerTask()));
        }
        for (CompletableFuture<Void> r : running) {
            TransportKitSupport.join(r);
        }

        count.awaitCount("M3", publishers * messagesEach, TckTimeouts.bulk());
        for (int p = 0; p < publishers; p++) {
            List<Integer> sequence = received.getOrDefault(p, List.of());
            assertThat(sequence).as("M3 publisher %d: every message once, in publishing order", p)
                    .hasSize(messagesEach)
                    .isSorted()
                    .doesNotHaveDuplicates();
        }
    }

    private void publishAll(Transport sender, int publisher) {
        Semaphore window = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        for (int i = 0; i < messagesEach && firstFailure.get() == null; i++) {
            window.acquireUninterruptibly();
            sender.messaging().publish(channel, "p" + publisher + ":" + i).whenComplete((ok, failure) -> {
                if (failure != null) {
                    firstFailure.compareAndSet(null, failure);
                }
                window.release();
            });
        }
        window.acquireUninterruptibly(IN_FLIGHT);
        Throwable failure = firstFailure.get();
        if (failure != null) {
            // Even a transient failure (queue full) at this modest load makes the run meaningless.
            String kind = failure instanceof TransientTransportException ? "transient" : "permanent";
            throw new AssertionError("M3 publisher " + publisher + ": a publish failed (" + kind + ") with at most "
                    + IN_FLIGHT + " messages in flight: " + failure, failure);
        }
    }

    private static java.util.concurrent.Executor daemonThreadPerTask() {
        return task -> {
            Thread thread = new Thread(task, "tck-m3-publisher");
            thread.setDaemon(true);
            thread.start();
        };
    }
}
