package io.siocluster.redis.internal;

import io.siocluster.spi.support.NamedThreads;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.XAddArgs;
import io.siocluster.spi.error.NonTransientTransportException;
import io.siocluster.spi.error.TransportClosedException;
import io.siocluster.spi.error.TransportException;
import io.siocluster.spi.error.TransportUnavailableException;
import io.siocluster.spi.metrics.PublishCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Writes XADDs in the order they were published. When nothing is waiting to be written, {@code publish} writes its
 * XADD itself, on the caller's thread, and hands it to Lettuce (which writes it on its own I/O thread): a quiet
 * node wakes no thread of its own to publish. Otherwise it queues (bounded: a full queue fails at once,
 * transiently), and the publisher thread writes whatever has accumulated, up to {@code maxBatchSize} commands, as
 * one pipelined write, so a busy node sends batches. Whoever writes holds the right to write ({@code writing}),
 * and its link keeps what is written in order (standalone: one connection; Redis Cluster: {@link ClusterPublish}).
 * Nobody waits for that right but the publisher thread: a caller that cannot take it at once queues. Stages
 * complete on the {@code completions} executor, never on Lettuce's I/O threads.
 */
final class Publisher {

    /** The most XADDs written but not yet answered: bounds memory when Redis is slower than the callers. */
    private static final int MAX_IN_FLIGHT = 10_000;

    /** One XADD: a single {@code payload} field ({@code fields} null), or the given fields. */
    private record Item(String key, @Nullable String payload, java.util.@Nullable Map<String, String> fields,
            long chars, CompletableFuture<Void> result) {
    }

    private final Settings settings;
    private final XAddArgs trim;
    private final BlockingQueue<Item> queue;
    private final Executor completions;
    private final BiConsumer<Object, Throwable> connectionLost;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    /** The right to write XADDs to the link: one writer at a time, so what is written keeps its order. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Publishes queued, or taken by the publisher thread, and not yet written: a caller writes itself only at 0. */
    private final AtomicInteger unwritten = new AtomicInteger();
    private final Thread thread;
    private final PublishCounters counters;
    private volatile Links.@Nullable PublishLink connection;
    private volatile boolean closed;
    /** Whether a connection was lost and not yet replaced; before the first connection publishes wait instead. */
    private volatile boolean outage;
    /** Opened by the first connect (or its failure) and by close: the publisher thread waits on it, not in a loop. */
    private final CountDownLatch firstState = new CountDownLatch(1);

    private final Deadlines deadlines;

    Publisher(Settings settings, Executor completions, Deadlines deadlines, BiConsumer<Object, Throwable> connectionLost) {
        this.deadlines = deadlines;
        this.settings = settings;
        this.trim = new XAddArgs().maxlen(settings.maxLen()).approximateTrimming();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.counters = new PublishCounters(queue);
        this.completions = completions;
        this.connectionLost = connectionLost;
        this.thread = NamedThreads.single(settings.instanceName(), "publisher").newThread(this::run);
        thread.start();
    }

    /**
     * The connection to publish on, or null once it is lost: publishes then fail fast until the next one. Until
     * the first connection, publishes queue and wait for it up to the command timeout.
     */
    void use(Links.@Nullable PublishLink connection) {
        this.connection = connection;
        this.outage = connection == null;
        firstState.countDown();
    }

    CompletableFuture<Void> publish(String key, String payload) {
        return enqueue(key, payload, null, payload.length());
    }

    /** An entry of these fields (iteration order kept). */
    CompletableFuture<Void> publishFields(String key, java.util.Map<String, String> fields, long chars) {
        return enqueue(key, null, fields, chars);
    }

    private CompletableFuture<Void> enqueue(String key, @Nullable String payload,
            java.util.@Nullable Map<String, String> fields, long chars) {
        if (closed) {
            return CompletableFuture.failedFuture(new TransportClosedException("Redis transport " + settings.instanceName()));
        }
        if (outage) {
            return CompletableFuture.failedFuture(new TransportUnavailableException(
                    "Redis transport " + settings.instanceName() + " is not connected; the message was not published"));
        }
        Item item = new Item(key, payload, fields, chars, new CompletableFuture<>());
        if (writtenHere(item)) {
            return item.result;
        }
        unwritten.incrementAndGet();
        if (!queue.offer(item)) {
            unwritten.decrementAndGet();
            return CompletableFuture.failedFuture(new TransportUnavailableException("Redis transport "
                    + settings.instanceName() + ": " + settings.queueCapacity() + " publishes already wait; retry later"));
        }
        return item.result;
    }

    /**
     * Writes {@code item} on the caller's thread when nothing published before it is still unwritten, the right to
     * write is free now, and it fits in flight; false (nothing written) otherwise, and the caller queues it.
     */
    private boolean writtenHere(Item item) {
        Links.PublishLink link = connection;
        if (link == null || unwritten.get() != 0 || !link.mayWriteFromHere() || !writing.tryLock()) {
            return false;
        }
        try {
            if (unwritten.get() != 0 || !inFlight.tryAcquire()) {
                return false;
            }
            try {
                write(link, List.of(item));
            } catch (RuntimeException e) { // Lettuce refused it (a closed connection): the publish fails, not the caller
                inFlight.release();
                item.result.completeExceptionally(new TransportUnavailableException("Redis transport "
                        + settings.instanceName() + ": the XADD could not be written (" + e + ")", e));
            }
            return true;
        } finally {
            writing.unlock();
        }
    }

    /** Stops the thread; what is still queued fails with {@link TransportClosedException}. */
    void close() {
        closed = true;
        firstState.countDown();
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Item> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(item -> item.result.completeExceptionally(
                new TransportClosedException("Redis transport " + settings.instanceName())));
    }

    /** Its queue depth and the batches it sent. */
    PublishCounters counters() {
        return counters;
    }

    private void run() {
        List<Item> batch = new ArrayList<>(settings.maxBatchSize());
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, settings.maxBatchSize() - 1);
            try {
                send(batch);
            } catch (InterruptedException e) {
                fail(batch, new TransportClosedException("Redis transport " + settings.instanceName()));
                break;
            }
            batch.clear();
        }
    }

    private void send(List<Item> batch) throws InterruptedException {
        Links.PublishLink link = awaitFirstConnection();
        if (link == null) {
            unwritten.addAndGet(-batch.size());
            fail(batch, new TransportUnavailableException("Redis transport " + settings.instanceName()
                    + " is not connected to Redis; the message was not published"));
            return;
        }
        writing.lock();
        try {
            inFlight.acquire(batch.size());
            try {
                write(link, List.copyOf(batch));
            } catch (RuntimeException e) { // Lettuce refused them (a closed connection): they fail, the thread goes on
                inFlight.release(batch.size());
                fail(batch, new TransportUnavailableException("Redis transport " + settings.instanceName()
                        + ": the XADDs could not be written (" + e + ")", e));
            }
        } finally {
            unwritten.addAndGet(-batch.size());
            writing.unlock();
        }
    }

    /** Writes {@code items} (their in-flight places taken) as one pipelined write; the caller holds {@code writing}. */
    private void write(Links.PublishLink link, List<Item> items) {
        List<CompletableFuture<String>> sent = new ArrayList<>(items.size());
        long chars = 0;
        for (Item item : items) {
            sent.add(link.xadd(item.key, trim, item.payload, item.fields));
            chars += item.chars;
        }
        link.flush();
        // Large payloads take time to travel: a second per MiB on top of the command timeout.
        long timeoutMillis = settings.commandTimeout().toMillis() + chars * 3 / 1024 / 1024 * 1000;
        CompletableFuture<Void> all = CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
        deadlines.within(all, timeoutMillis, "XADD")
                .whenComplete((ok, failure) -> {
                    inFlight.release(items.size());
                    if (failure == null) {
                        counters.batchSent(items.size());
                    }
                    if (failure != null && !(unwrap(failure) instanceof RedisCommandExecutionException)) {
                        connectionLost.accept(link.connection(), unwrap(failure));
                    }
                    complete(items, sent);
                });
    }

    /** The connection; before the first one is made, waits for it up to the command timeout. */
    private Links.@Nullable PublishLink awaitFirstConnection() throws InterruptedException {
        firstState.await(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return connection;
    }

    private void complete(List<Item> items, List<CompletableFuture<String>> sent) {
        Runnable task = () -> {
            for (int i = 0; i < items.size(); i++) {
                CompletableFuture<String> one = sent.get(i);
                Item item = items.get(i);
                if (one.isDone() && !one.isCompletedExceptionally()) {
                    item.result.complete(null);
                } else {
                    item.result.completeExceptionally(translate(one));
                }
            }
        };
        try {
            completions.execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // closing: complete here rather than never
        }
    }

    private TransportException translate(CompletableFuture<String> one) {
        Throwable cause = one.isDone() ? unwrap(one.handle((v, e) -> e).join()) : null;
        if (cause instanceof RedisCommandExecutionException refused && refused.getMessage() != null
                && refused.getMessage().startsWith("WRONGTYPE")) {
            return new NonTransientTransportException("Redis refused the XADD: " + refused.getMessage(), refused);
        }
        return new TransportUnavailableException("Redis transport " + settings.instanceName()
                + ": the XADD did not succeed (" + (cause == null ? "no answer in time" : cause.toString())
                + "); it may or may not have been stored", cause);
    }

    private static void fail(List<Item> batch, TransportException failure) {
        batch.forEach(item -> item.result.completeExceptionally(failure));
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
