package io.siocluster.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterStats.DropReason;
import io.siocluster.core.codec.AttachmentHeader;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.MessageType;
import io.siocluster.spi.error.TransportUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a node receives is bounded end to end: attachment fetches never exceed what the blob store can queue,
 * senders get fetches in turn, and the node's backlog is held in the bus once its bound is reached.
 */
@DisplayName("inbound bounds")
class InboundBoundsTest {

    private static final String CHANNEL = "socket.io#/";

    private final ProtocolCodec codec = ProtocolCodec.createDefault();
    private final StubTransport transport = new StubTransport();
    private final RecordingLocalSide local = new RecordingLocalSide();
    private final ExecutorService blobThreads = Executors.newFixedThreadPool(2);
    private ClusterNode node;

    @AfterEach
    void tearDown() {
        node.close();
        transport.close();
        blobThreads.shutdownNow();
    }

    @Test
    @DisplayName("three senders bursting 300 binary events each: all 900 arrive over a blob store that refuses beyond 20 calls")
    void fetchesAreBackPressured() {
        boundedBlobStore();
        startNode(ClusterOptions.builder().discoveryWindow(Duration.ZERO).build());

        for (int i = 0; i < 300; i++) {
            for (String sender : new String[] {"peer1", "peer2", "peer3"}) {
                sendAttachment(sender, i);
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> local.broadcasts.size() == 900);
        assertThat(node.stats().drops().values()).allMatch(count -> count == 0);
    }

    @Test
    @DisplayName("one sender's 3,000 binary events arrive while no fetch completes: all held (below maxPendingInbound), none dropped, in order")
    void oneSendersBurstIsHeldNotDropped() {
        CountDownLatch fetching = new CountDownLatch(1);
        transport.onGet(id -> CompletableFuture.supplyAsync(() -> {
            try {
                fetching.await(30, TimeUnit.SECONDS); // the blob store is stalled until every header is in
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return transport.storedBlob(id);
        }, blobThreads));
        startNode(ClusterOptions.builder().discoveryWindow(Duration.ZERO).build());

        for (int i = 0; i < 3000; i++) {
            sendAttachment("peer1", i);
        }
        fetching.countDown();

        await().atMost(Duration.ofSeconds(30)).until(() -> local.broadcasts.size() == 3000);
        assertThat(node.stats().drops().values()).allMatch(count -> count == 0);
        assertThat(local.broadcasts).extracting(b -> ((Number) b.args().get(0)).intValue())
                .containsExactlyElementsOf(IntStream.range(0, 3000).boxed().toList());
    }

    @Test
    @DisplayName("while the blob store refuses reads for a moment (a database restart), attachments wait and arrive, in order")
    void fetchesSurviveATransientOutage() {
        AtomicInteger refusals = new AtomicInteger(6);
        transport.onGet(id -> refusals.getAndDecrement() > 0
                ? CompletableFuture.failedFuture(new TransportUnavailableException("the database is restarting"))
                : CompletableFuture.supplyAsync(() -> transport.storedBlob(id), blobThreads));
        startNode(ClusterOptions.builder().discoveryWindow(Duration.ZERO).build());

        for (int i = 0; i < 10; i++) {
            sendAttachment("peer1", i);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> local.broadcasts.size() == 10);
        assertThat(node.stats().drops().values()).allMatch(count -> count == 0);
        assertThat(local.broadcasts).extracting(b -> ((Number) b.args().get(0)).intValue())
                .containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
    }

    @Test
    @DisplayName("a flood of forged attachment headers from one id does not starve another sender's real attachments")
    void forgedHeadersDoNotStarve() {
        boundedBlobStore();
        startNode(ClusterOptions.builder().discoveryWindow(Duration.ZERO).build());

        for (int i = 0; i < 5000; i++) {
            transport.deliver(CHANNEL, codec.encodeHeader(new AttachmentHeader("forger", MessageType.BROADCAST, "f" + i, "/")));
            if (i % 250 == 0) {
                sendAttachment("real", i);
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> local.broadcasts.size() == 20);
        await().atMost(Duration.ofSeconds(30)).until(() -> node.stats().drops(DropReason.MISSING_ATTACHMENT)
                + node.stats().drops(DropReason.ATTACHMENT_QUEUE_FULL) == 5000);
    }

    @Test
    @DisplayName("at maxPendingInbound unhandled messages the transport's delivery thread waits, and nothing is lost")
    void deliveryWaitsAtTheBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingLocalSide blocked = busyUntil(release);
        node = ClusterNode.start(transport, ClusterOptions.builder().discoveryWindow(Duration.ZERO).maxPendingInbound(50).build());
        node.namespace("/", blocked);
        AtomicInteger delivered = new AtomicInteger();
        Thread bus = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                transport.deliver(CHANNEL, codec.encodeJson(new Envelope("peer1", "/",
                        Broadcast.of(BroadcastPacket.event("e", i), BroadcastOptions.ALL))));
                delivered.incrementAndGet();
            }
        }, "bus");
        bus.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.get() >= 50);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> delivered.get() <= 51);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> blocked.broadcasts.size() == 200);
        bus.join(5_000);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"channel texts", "envelopes (REDIS_STREAMS)"})
    @DisplayName("at maxPendingInbound an offer is refused at once, counting nothing; delivered again with onMessage, "
            + "every message arrives once, in order")
    void offerRefusedAtTheBound(String form) throws Exception {
        boolean envelopes = form.startsWith("envelopes");
        CountDownLatch release = new CountDownLatch(1);
        RecordingLocalSide blocked = busyUntil(release);
        node = ClusterNode.start(transport, ClusterOptions.builder().discoveryWindow(Duration.ZERO).maxPendingInbound(50).build());
        node.namespace("/", blocked);
        List<Envelope> messages = IntStream.range(0, 200).mapToObj(i -> new Envelope("peer1", "/",
                Broadcast.of(BroadcastPacket.event("e", i), BroadcastOptions.ALL))).toList();
        List<String> payloads = messages.stream().map(codec::encodeJson).toList();

        int refusedAt = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> { // an offer never waits
            for (int i = 0; i < messages.size(); i++) {
                boolean taken = envelopes ? transport.offerEnvelope(CHANNEL, messages.get(i))
                        : transport.offer(CHANNEL, payloads.get(i));
                if (!taken) {
                    return i;
                }
            }
            return messages.size();
        });
        assertThat(refusedAt).as("offers taken until the node is full").isBetween(50, 51);
        Thread bus = new Thread(() -> {
            for (int i = refusedAt; i < messages.size(); i++) {
                if (envelopes) {
                    transport.deliverEnvelope(CHANNEL, messages.get(i));
                } else {
                    transport.deliver(CHANNEL, payloads.get(i));
                }
            }
        }, "bus");
        bus.start();
        release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> blocked.broadcasts.size() == 200);
        bus.join(5_000);
        assertThat(blocked.broadcasts).extracting(b -> ((Number) b.args().get(0)).intValue())
                .containsExactlyElementsOf(IntStream.range(0, 200).boxed().toList());
        assertThat(node.stats().drops().values()).as("no message counted missed or duplicated").allMatch(count -> count == 0);
    }

    /** A local side whose broadcasts wait for {@code release}: the node's thread is busy until then. */
    private static RecordingLocalSide busyUntil(CountDownLatch release) {
        return new RecordingLocalSide() {
            @Override
            public int broadcast(BroadcastPacket packet, BroadcastOptions opts) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.broadcast(packet, opts);
            }
        };
    }

    /** A blob store of two threads that refuses beyond 20 calls, as the PostgreSQL one's bounded queue does. */
    private void boundedBlobStore() {
        AtomicInteger inStore = new AtomicInteger();
        transport.onGet(id -> {
            if (inStore.incrementAndGet() > 20) {
                inStore.decrementAndGet();
                return CompletableFuture.failedFuture(new RejectedExecutionException("blob queue full"));
            }
            return CompletableFuture.supplyAsync(() -> {
                inStore.decrementAndGet();
                return transport.storedBlob(id);
            }, blobThreads);
        });
    }

    private void startNode(ClusterOptions options) {
        node = ClusterNode.start(transport, options);
        node.namespace("/", local);
    }

    /** Stores a binary broadcast of {@code sender}'s as an attachment and delivers its header. */
    private void sendAttachment(String sender, int n) {
        Envelope envelope = new Envelope(sender, "/", Broadcast.of(BroadcastPacket.event("bin", n, new byte[] {1, 2}),
                BroadcastOptions.ALL));
        String id = transport.blobStore().orElseThrow().put(codec.encodeMsgpack(envelope)).toCompletableFuture().join();
        transport.deliver(CHANNEL, codec.encodeHeader(new AttachmentHeader(sender, MessageType.BROADCAST, id, "/")));
    }
}
