package io.siocluster.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterNamespace;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.core.cluster.ClusterStats;
import io.siocluster.core.cluster.ClusterStats.DropReason;
import io.siocluster.core.cluster.ClusterStats.Queue;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.spi.messaging.OverloadPolicy;
import io.siocluster.tck.cluster.FakeLocalSide;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * (d) Overload: one node publishes 20 kB messages (attachments, through the blob store) as fast as one thread can
 * call {@code broadcast} for 5 s. How fast that is depends on the machine as much as PostgreSQL's speed does, so
 * for 3 s of it the attachments table is locked (as a long migration or {@code VACUUM FULL} would): then the load
 * exceeds what the database takes on any machine. Memory must stay bounded, the overload signal must fire at its
 * default threshold, and every message the policy refused or dropped must be counted: what the caller saw fail is
 * exactly what the node counted, and everything that did not fail reached the peer.
 */
@DisplayName("reliability (d): overload with 20 kB messages")
@ExtendWith(PostgresExtension.class)
class PublishOverloadTest {

    private static final Duration LOAD = Duration.ofSeconds(5);
    private static final String TWENTY_KB = "x".repeat(20_000);
    /** The surefire heap is 768 MB (this module's pom); the peak counts garbage not yet collected too. */
    private static final long PEAK_HEAP_BOUND_MB = 500;
    /**
     * What is still held after a full collection the moment the load stops: the queues' contents (bounded) plus the
     * 20 kB messages the test's recorder keeps (about 100 MB for 5,000 of them). Unbounded queues would hold every
     * message offered, 20 kB each.
     */
    private static final long LIVE_HEAP_BOUND_MB = 200;
    private static final Duration STALL_AFTER = Duration.ofSeconds(1);
    private static final Duration STALL = Duration.ofSeconds(3);
    /** Below what piles up behind the stalled blob store even on a slow machine, so the outbound policy has to act. */
    private static final int MAX_PENDING_OUTBOUND = 100;

    private final PostgresDatabase db;

    PublishOverloadTest(PostgresDatabase db) {
        this.db = db;
    }

    /** After {@link #STALL_AFTER}, holds an exclusive lock on the attachments table for {@link #STALL}. */
    private void lockAttachments(String table) {
        try {
            Thread.sleep(STALL_AFTER.toMillis());
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.execute("LOCK TABLE \"" + table + "\" IN ACCESS EXCLUSIVE MODE");
                Thread.sleep(STALL.toMillis());
                connection.commit();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stall the attachments table", e);
        }
    }

    @ParameterizedTest(name = "outbound policy {0}")
    @EnumSource(OverloadPolicy.class)
    @DisplayName("20 kB messages as fast as possible for 5 s, the table locked for 3 s: heap bounded, the signal fires, every refusal counted, nothing else lost")
    void twentyKilobytesAsFastAsPossible(OverloadPolicy policy) throws Exception {
        try (TestCluster cluster = new TestCluster(db, "overload")) {
            ClusterOptions options = cluster.clusterOptions().maxPendingOutbound(MAX_PENDING_OUTBOUND)
                    .outboundPolicy(policy).build();
            ClusterNode sender = cluster.node(cluster.transportOptions(db.jdbcUrl()), options);
            ClusterNode receiver = cluster.node(cluster.transportOptions(db.jdbcUrl()), options);
            FakeLocalSide sockets = new FakeLocalSide("receiver").addSocket("r1");
            ClusterNamespace senderNsp = sender.namespace("/", new FakeLocalSide("sender"));
            ClusterNamespace receiverNsp = receiver.namespace("/", sockets);
            senderNsp.ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
            receiverNsp.ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> senderNsp.peers().size() == 1);
            long heapBefore = Heap.usedAfterGc();

            AtomicInteger succeeded = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            int attempted = 0;
            boolean signalled = false;
            long peak;
            long liveAtEnd;
            try (Heap heap = Heap.sample()) {
                long end = System.nanoTime() + LOAD.toNanos();
                CompletableFuture<Void> stall = CompletableFuture.runAsync(() -> lockAttachments(cluster.table()));
                while (System.nanoTime() < end) {
                    senderNsp.broadcast(BroadcastPacket.event("big", attempted, TWENTY_KB), BroadcastOptions.ALL)
                            .whenComplete((ok, failure) -> (failure == null ? succeeded : failed).incrementAndGet());
                    attempted++;
                    if (attempted % 500 == 0) {
                        signalled |= sender.stats().overloaded() || receiver.stats().overloaded();
                    }
                }
                liveAtEnd = Heap.usedAfterGc();
                stall.get(STALL.plus(STALL_AFTER).toMillis() + 5_000, TimeUnit.MILLISECONDS);
                int all = attempted;
                // A wait that gives up says where both nodes stood at that moment.
                try {
                    await().atMost(Duration.ofSeconds(60)).until(() -> succeeded.get() + failed.get() == all);
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                            .until(() -> sockets.delivered("r1", "big").size() >= succeeded.get());
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError(e.getMessage() + "; " + all + " attempted, " + succeeded.get()
                            + " succeeded, " + failed.get() + " failed, " + sockets.delivered("r1", "big").size()
                            + " received; sender " + sender.stats() + ", " + sender.traffic() + "; receiver "
                            + receiver.stats(), e);
                }
                peak = heap.peak();
            }
            long heapAfter = Heap.usedAfterGc();
            ClusterStats stats = sender.stats();
            signalled |= stats.delayedMessages(Queue.PUBLISH) > 0 || receiver.stats().delayedMessages(Queue.DELIVERY) > 0;

            System.out.printf("PublishOverloadTest (%s): %d messages of 20 kB offered in %d s, %d published, %d refused or dropped"
                    + " (PUBLISH_FAILED %d, of them by the outbound bound %d), %d received; delayed: publish %d (last %d ms),"
                    + " delivery %d (last %d ms); heap peak %d MB (bound %d MB), live when the load"
                    + " stopped %d MB (bound %d MB), after GC %d MB before -> %d MB after (the test's recorder holds every"
                    + " 20 kB message received)%n",
                    policy, attempted, LOAD.toSeconds(), succeeded.get(), failed.get(), stats.drops(DropReason.PUBLISH_FAILED),
                    stats.outboundOverflows(), sockets.delivered("r1", "big").size(), stats.delayedMessages(Queue.PUBLISH),
                    stats.lastDelayNanos(Queue.PUBLISH) / 1_000_000, receiver.stats().delayedMessages(Queue.DELIVERY),
                    receiver.stats().lastDelayNanos(Queue.DELIVERY) / 1_000_000, Heap.mb(peak), PEAK_HEAP_BOUND_MB,
                    Heap.mb(liveAtEnd), LIVE_HEAP_BOUND_MB, Heap.mb(heapBefore), Heap.mb(heapAfter));
            assertThat(Heap.mb(peak)).as("memory bounded").isLessThan(PEAK_HEAP_BOUND_MB);
            assertThat(Heap.mb(liveAtEnd)).as("live memory bounded").isLessThan(LIVE_HEAP_BOUND_MB);
            assertThat(signalled).as("the overload signal fired").isTrue();
            assertThat(failed.get()).as("the load was beyond what the bounds hold: the policy refused some").isPositive();
            assertThat(stats.outboundOverflows()).as("the outbound policy acted").isPositive();
            // Every numbered message either went out or was counted; the node's own heartbeats (1 a second) may have
            // been refused too, beside the caller's messages.
            await().atMost(Duration.ofSeconds(5)).until(() -> stats.drops(DropReason.PUBLISH_FAILED)
                    == senderNsp.lastSeq() - sender.traffic().publishedTotal());
            assertThat(stats.localOnlyOperations()).isZero();
            assertThat(stats.drops(DropReason.PUBLISH_FAILED) - failed.get()).as("every refusal counted, none twice")
                    .isBetween(0L, 20L);
            assertThat(sockets.delivered("r1", "big")).as("everything published arrived").hasSize(succeeded.get());
            // Refused messages had their numbers: the receiver counts each as missed, and drops nothing else.
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.stats().drops(DropReason.MISSED) == stats.drops(DropReason.PUBLISH_FAILED));
            assertThat(receiver.stats().drops()).allSatisfy((reason, count) -> {
                if (reason != DropReason.MISSED) {
                    assertThat(count).as(reason.name()).isZero();
                }
            });
        }
    }
}
