package io.siocluster.postgres.internal;

import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.error.TransportClosedException;
import io.siocluster.spi.error.TransportUnavailableException;
import io.siocluster.spi.support.NamedThreads;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The blob store facet: the attachments table, with every call run on threads of the transport's own so the
 * caller (often an event-loop thread) never waits on the database.
 *
 * <p>Stores and reads are bounded apart ({@link #QUEUE_CAPACITY} each): a node both sends and receives, and one
 * shared bound let a burst of its own stores fill the queue and refuse its fetches of peers' attachments, losing
 * messages whose senders had seen success. A refused store fails its own publish, which its caller sees.
 */
final class PgBlobStore implements BlobStore, AutoCloseable {

    /** Stores (and, apart, reads) waiting or running beyond which new ones fail at once (transient): memory bounded. */
    static final int QUEUE_CAPACITY = 1_000;

    private static final Pattern ID = Pattern.compile("[0-9]{1,19}");

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private final AttachmentTable table;
    private final ThreadPoolExecutor executor;
    private final String description;
    private final Duration keepAtLeast;
    private final AtomicInteger stores = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile boolean closed;

    PgBlobStore(DataSource dataSource, Settings settings, String description) {
        this.table = new AttachmentTable(dataSource, settings);
        this.description = description;
        this.keepAtLeast = settings.replay() ? settings.replayWindow() : Duration.ZERO;
        this.executor = new ThreadPoolExecutor(settings.blobThreads(), settings.blobThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), NamedThreads.pool(settings.instanceName(), "blob")); // bounded by kind below
        executor.allowCoreThreadTimeOut(true); // no idle threads when nobody stores blobs
    }

    @Override
    public CompletionStage<String> put(byte[] bytes) {
        byte[] copy = bytes.clone(); // the caller may reuse its array before the insert runs
        return submit("storing a blob", stores, () -> table.put(copy));
    }

    @Override
    public CompletionStage<Optional<byte[]>> get(String id) {
        if (closed) {
            return CompletableFuture.failedFuture(new TransportClosedException(description));
        }
        if (!ID.matcher(id).matches()) {
            return CompletableFuture.completedFuture(Optional.empty()); // no id this table could have made
        }
        long key;
        try {
            key = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return CompletableFuture.completedFuture(Optional.empty()); // 19 digits beyond Long.MAX_VALUE
        }
        return submit("reading blob " + id, reads, () -> table.get(key));
    }

    @Override
    public CompletionStage<Long> purgeOlderThan(Duration age) {
        if (age.isNegative()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("age must not be negative: " + age));
        }
        // A replayed header must still find its blob: with replay on, nothing younger than its window goes.
        Duration kept = age.compareTo(keepAtLeast) < 0 ? keepAtLeast : age;
        return submit("purging blobs older than " + kept, null, () -> table.purgeOlderThan(kept)); // one per cleanup interval
    }

    /** Runs {@code call} on a blob thread, unless {@code queued} (of its kind; null: unbounded) is at the bound. */
    private <T> CompletionStage<T> submit(String what, @Nullable AtomicInteger queued, SqlCall<T> call) {
        if (closed) {
            return CompletableFuture.failedFuture(new TransportClosedException(description));
        }
        if (queued != null && queued.incrementAndGet() > QUEUE_CAPACITY) {
            queued.decrementAndGet();
            return CompletableFuture.failedFuture(new TransportUnavailableException("the blob queue of " + description
                    + " is full (" + QUEUE_CAPACITY + " calls of this kind waiting: " + what + "); retry later"));
        }
        BlobTask<T> task = new BlobTask<>(what, call, queued);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) { // shut down: closing
            task.finished();
            task.future.completeExceptionally(new TransportClosedException(description));
        }
        return task.future;
    }

    @Override
    public void close() {
        closed = true;
        List<Runnable> neverRun = executor.shutdownNow();
        for (Runnable r : neverRun) {
            if (r instanceof BlobTask<?> task) {
                task.finished();
                task.future.completeExceptionally(new TransportClosedException(description));
            }
        }
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class BlobTask<T> implements Runnable {
        final CompletableFuture<T> future = new CompletableFuture<>();
        private final String what;
        private final SqlCall<T> call;
        private final @Nullable AtomicInteger queued;

        BlobTask(String what, SqlCall<T> call, @Nullable AtomicInteger queued) {
            this.what = what;
            this.call = call;
            this.queued = queued;
        }

        /** Gives back its place in its kind's bound: before its future completes, so a caller's retry finds it free. */
        void finished() {
            if (queued != null) {
                queued.decrementAndGet();
            }
        }

        @Override
        public void run() {
            T result = null;
            RuntimeException failure = null;
            try {
                result = call.call();
            } catch (SQLException e) {
                failure = SqlErrors.translate(what, e);
            } catch (RuntimeException e) { // a TransportException (table missing and not to be created) or a bug
                failure = e;
            }
            finished();
            if (failure == null) {
                future.complete(result);
            } else {
                future.completeExceptionally(failure);
            }
        }
    }
}
