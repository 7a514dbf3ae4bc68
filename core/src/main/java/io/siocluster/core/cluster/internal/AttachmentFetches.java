package io.siocluster.core.cluster.internal;

import io.siocluster.spi.error.TransientTransportException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Fetches attachments for one node with back-pressure and fairness. At most {@code maxInFlight} fetches run
 * at once, so the transport's blob store never sees more than it can queue (it would refuse the rest, and
 * those messages would be lost although their senders saw success). The others wait in one queue per
 * sender, served in turn: a sender (or a forger of sender ids) flooding headers waits behind its own earlier
 * ones while every other sender's next header is served in between. Each try gives up after {@code timeout}
 * and each fetch after {@code retryFor} (below), so a blob store that hangs holds nothing back for good.
 *
 * <p>A fetch that fails transiently (the database restarting, its pool or queue full for a moment) is tried again,
 * first in its sender's line, after a pause doubling from {@link #FIRST_RETRY} to {@link #LAST_RETRY}, until
 * {@code retryFor} has passed since its first try: the sender saw its message published, so one failed read must not
 * lose it. The sender's later messages wait behind it (their order is kept). A try that timed out counts as transient
 * too: a lock or a failover can outlast one try, and a second read beside a first one still running is harmless (its
 * answer is ignored; the blob store bounds its reads). Nothing non-transient is retried.
 *
 * <p>The node bounds these queues with its inbound gate, not here: every waiting header holds a place there
 * ({@code maxPendingInbound}), so at the bound the transport's thread waits and the backlog stays in the bus.
 * {@code maxQueuedPerSender} is that same number, a last guard for headers that pass the gate without waiting
 * (the node's own thread): a smaller one dropped a real sender's burst of large messages that the gate would
 * have held back (seen in reliability (d): 486 of 4,496 published messages lost to a 2,000 bound).
 */
public final class AttachmentFetches {

    /** The header was refused because its sender's queue is full. Carries no stack trace. */
    public static final class QueueFull extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QueueFull(String sender, int bound) {
            super("sender " + sender + " already has " + bound + " attachments waiting", null, false, false);
        }
    }

    /** Fetches running at once per node: keeps a blob store of a few threads busy without queueing much. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 4;
    /** How long one fetch may take before its message is dropped and counted. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** How long transient failures of a fetch are retried, from its first try: a database restart takes seconds. */
    public static final Duration DEFAULT_RETRY_FOR = Duration.ofSeconds(30);
    static final Duration FIRST_RETRY = Duration.ofMillis(100);
    static final Duration LAST_RETRY = Duration.ofSeconds(2);

    /** One attachment to fetch for {@code sender}; the first try's time and the next pause when it is retried. */
    private static final class Task {
        final String sender;
        final String id;
        final CompletableFuture<Optional<byte[]>> result = new CompletableFuture<>();
        long firstTry;
        long pauseNanos = FIRST_RETRY.toNanos();
        boolean tried;

        Task(String sender, String id) {
            this.sender = sender;
            this.id = id;
        }
    }

    private final Function<String, CompletionStage<Optional<byte[]>>> get;
    private final int maxInFlight;
    private final int maxQueuedPerSender;
    private final Duration timeout;
    private final ScheduledExecutorService retries;
    private final long retryForNanos;
    private final Map<String, ArrayDeque<Task>> queues = new HashMap<>();
    private final ArrayDeque<String> turns = new ArrayDeque<>(); // senders with waiting fetches, in serving order
    private int inFlight;
    /** Fetches waiting for their next try (a pause after a transient failure): still pending. Guarded by this. */
    private int retrying;
    private boolean pumping;
    private boolean pumpAgain;

    /** @param retries where a transiently failed fetch waits for its next try (the node's scheduler) */
    public AttachmentFetches(Function<String, CompletionStage<Optional<byte[]>>> get, int maxInFlight,
            int maxQueuedPerSender, Duration timeout, ScheduledExecutorService retries, Duration retryFor) {
        this.get = get;
        this.maxInFlight = maxInFlight;
        this.maxQueuedPerSender = maxQueuedPerSender;
        this.timeout = timeout;
        this.retries = retries;
        this.retryForNanos = retryFor.toNanos();
    }

    /**
     * The attachment's bytes (empty when the blob is gone), once fetched in turn; fails with {@link QueueFull}
     * at once when {@code sender} has the most fetches waiting, or with the store's error or a timeout.
     */
    public CompletionStage<Optional<byte[]>> fetch(String sender, String id) {
        Task task = new Task(sender, id);
        synchronized (this) {
            ArrayDeque<Task> queue = queues.get(sender);
            if (queue != null && queue.size() >= maxQueuedPerSender) {
                return CompletableFuture.failedFuture(new QueueFull(sender, maxQueuedPerSender));
            }
            line(task, false);
        }
        pump();
        return task.result;
    }

    /** Puts a task whose pause is over back at the head of its sender's line. */
    private void requeue(Task task) {
        synchronized (this) {
            retrying--;
            line(task, true);
        }
        pump();
    }

    /** Queues {@code task} in its sender's line (at its head when {@code first}); a sender with a line has a turn. */
    private void line(Task task, boolean first) { // guarded by this
        ArrayDeque<Task> queue = queues.computeIfAbsent(task.sender, s -> new ArrayDeque<>());
        if (queue.isEmpty()) {
            turns.add(task.sender);
        }
        if (first) {
            queue.addFirst(task);
        } else {
            queue.addLast(task);
        }
    }

    /** Fetches waiting, running or pausing before their next try, for tests and monitoring. */
    public synchronized int pending() {
        int waiting = 0;
        for (ArrayDeque<Task> queue : queues.values()) {
            waiting += queue.size();
        }
        return waiting + inFlight + retrying;
    }

    // Starts what the bound allows. A store that completes at once re-enters through done(): the flag turns
    // that re-entry into another round of this loop instead of a deeper stack.
    private void pump() {
        synchronized (this) {
            if (pumping) {
                pumpAgain = true;
                return;
            }
            pumping = true;
        }
        while (true) {
            Task task;
            synchronized (this) {
                task = inFlight < maxInFlight ? nextInTurn() : null;
                if (task == null) {
                    if (pumpAgain) {
                        pumpAgain = false;
                        continue;
                    }
                    pumping = false;
                    return;
                }
                inFlight++;
            }
            start(task);
        }
    }

    private @Nullable Task nextInTurn() {
        String sender = turns.poll();
        if (sender == null) {
            return null;
        }
        ArrayDeque<Task> queue = queues.get(sender);
        Task task = queue.poll();
        if (queue.isEmpty()) {
            queues.remove(sender);
        } else {
            turns.add(sender); // back of the line: every other sender first
        }
        return task;
    }

    private void start(Task task) {
        if (!task.tried) {
            task.tried = true;
            task.firstTry = System.nanoTime();
        }
        CompletableFuture<Optional<byte[]>> got;
        try {
            got = get.apply(task.id).toCompletableFuture().copy();
        } catch (RuntimeException e) {
            got = CompletableFuture.failedFuture(e);
        }
        got.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((bytes, failure) -> {
            synchronized (this) {
                inFlight--;
            }
            boolean retried = failure != null && retryLater(task, failure);
            pump(); // the next in turn starts before this result's dependents run
            if (retried) {
                return;
            }
            if (failure == null) {
                task.result.complete(bytes);
            } else {
                task.result.completeExceptionally(failure);
            }
        });
    }

    /** Schedules another try of a transiently failed fetch while its time allows; false when it fails for good. */
    private boolean retryLater(Task task, Throwable failure) {
        Throwable cause = Failures.unwrap(failure);
        long pause = task.pauseNanos;
        boolean transientFailure = cause instanceof TransientTransportException || cause instanceof TimeoutException;
        if (!transientFailure || System.nanoTime() + pause - task.firstTry > retryForNanos) {
            return false;
        }
        task.pauseNanos = Math.min(pause * 2, LAST_RETRY.toNanos());
        synchronized (this) {
            retrying++;
        }
        try {
            retries.schedule(() -> requeue(task), pause, TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException closing) {
            synchronized (this) {
                retrying--;
            }
            return false; // the node is closing: the failure stands
        }
    }
}
