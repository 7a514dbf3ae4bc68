package io.siocluster.postgres;

import static io.siocluster.postgres.Futures.join;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterNamespace;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.core.cluster.ClusterStats.DropReason;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.Transports;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.tck.cluster.FakeLocalSide;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Two cluster nodes ({@link ClusterNode} over {@link PostgresTransport}): a sender broadcasts numbered events at
 * a steady pace while a fault hits the database or the receiver's listener, and every message is counted end to
 * end: attempted, confirmed by PostgreSQL (the sender's transport said so), received by the receiver's socket (in
 * which order, how many twice), replayed, and counted missed by the receiver's core.
 */
final class ClusterOutageRun {

    /** What one run saw. */
    /**
     * @param lostNumbered the sender's numbered messages of any type (broadcasts, heartbeats) that never reached
     *     the receiver's transport, up to the last one that did: what the receiver should count missed
     */
    record Figures(String name, int sent, int confirmed, List<Integer> received, long lostNumbered, long missedCounted,
            long duplicatesDropped, long replayed, long recoveryMillis, List<LivenessEvent> events) {

        /** Confirmed by PostgreSQL, never received: what the bus lost. */
        List<Integer> lost(Set<Integer> confirmedSet) {
            Set<Integer> got = new HashSet<>(received);
            return confirmedSet.stream().filter(n -> !got.contains(n)).sorted().toList();
        }

        int duplicates() {
            return received.size() - new HashSet<>(received).size();
        }

        boolean ordered() {
            for (int i = 1; i < received.size(); i++) {
                if (received.get(i) <= received.get(i - 1)) {
                    return false;
                }
            }
            return true;
        }

        int distinctReceived() {
            return new HashSet<>(received).size();
        }
    }

    private ClusterOutageRun() {
    }

    /**
     * @param fault given the receiver's transport, the fault to run once, just before message {@code faultAt}
     */
    static Figures run(String name, TransportOptions receiverOptions, TransportOptions senderOptions, int messages,
            int faultAt, long periodMicros, Function<Transport, PacedTraffic.Fault> fault, Set<Integer> confirmedOut) {
        // No periodic heartbeat during the run: the broadcasts (and the re-announcement after the outage, which
        // goes out) are all the sender numbers, so the receiver's count of missed messages is about them alone.
        ClusterOptions options = ClusterOptions.builder().discoveryWindow(Duration.ZERO)
                .heartbeatInterval(Duration.ofMinutes(5)).heartbeatTimeout(Duration.ofMinutes(10)).build();
        PostgresTransport receiverTransport = (PostgresTransport) Transports.create(receiverOptions);
        ConfirmingTransport senderTransport = new ConfirmingTransport(Transports.create(senderOptions));
        ConfirmingTransport receiverTap = new ConfirmingTransport(receiverTransport);
        ClusterNode receiver = ClusterNode.start(receiverTap, options);
        ClusterNode sender = ClusterNode.start(senderTransport, options);
        try {
            FakeLocalSide local = new FakeLocalSide("receiver").addSocket("s1");
            join(receiver.namespace("/", local).ready());
            ClusterNamespace publisher = sender.namespace("/", new FakeLocalSide("sender"));
            join(publisher.ready());
            List<LivenessEvent> events = new CopyOnWriteArrayList<>();
            AtomicLong backAt = new AtomicLong();
            receiverTransport.liveness().addListener(event -> {
                events.add(event);
                if (event != LivenessEvent.DOWN) {
                    backAt.compareAndSet(0, System.nanoTime());
                }
            });
            AtomicLong faultAt0 = new AtomicLong();
            PacedTraffic.Fault theFault = fault.apply(receiverTransport);

            PacedTraffic.runLenient(messages, periodMicros, faultAt, () -> {
                faultAt0.set(System.nanoTime());
                theFault.run();
            }, i -> publisher.broadcast(BroadcastPacket.event("m", i), BroadcastOptions.ALL).toCompletableFuture());
            await(name + ": the last message reaches the receiver").atMost(Duration.ofSeconds(30))
                    .until(() -> numbers(local).contains(messages - 1));

            List<Integer> received = numbers(local);
            Set<Integer> confirmed = senderTransport.confirmed();
            confirmedOut.addAll(confirmed);
            String senderUid = senderTransport.senders().iterator().next(); // one namespace: one uid
            Set<Long> seqs = receiverTap.receivedSeqs(senderUid);
            long lostNumbered = seqs.stream().mapToLong(Long::longValue).max().orElse(0) - seqs.size();
            Figures figures = new Figures(name, messages, confirmed.size(), received, lostNumbered,
                    receiver.stats().drops(DropReason.MISSED), receiver.stats().drops(DropReason.DUPLICATE),
                    receiverTransport.replayedMessages(),
                    backAt.get() == 0 ? -1 : (backAt.get() - faultAt0.get()) / 1_000_000, List.copyOf(events));
            System.out.printf("%s: %d sent, %d confirmed by PostgreSQL, %d received (%d twice), %d lost, %d replayed;"
                            + " %d numbered messages of any type never arrived, %d counted missed, %d duplicates dropped"
                            + " by the core; %s %d ms after the fault; %s%n",
                    name, messages, confirmed.size(), figures.distinctReceived(), figures.duplicates(),
                    figures.lost(confirmed).size(), figures.replayed(), lostNumbered, figures.missedCounted(),
                    figures.duplicatesDropped(), events.size() > 1 ? events.get(events.size() - 1) : "back",
                    figures.recoveryMillis(), figures.ordered() ? "in order" : "OUT OF ORDER");
            return figures;
        } finally {
            sender.close();
            receiver.close();
            senderTransport.close();
            receiverTap.close();
        }
    }

    private static List<Integer> numbers(FakeLocalSide local) {
        List<Integer> out = new ArrayList<>();
        local.received("s1").forEach(packet -> {
            if (packet.data().size() > 1 && packet.data().get(1) instanceof Number n) {
                out.add(n.intValue());
            }
        });
        return out;
    }
}
