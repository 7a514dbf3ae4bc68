package io.siocluster.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.siocluster.core.cluster.ClusterNamespace;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.spi.Transport;
import io.siocluster.tck.cluster.FakeLocalSide;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The meters over real traffic between two nodes; each transport's test class says how to make a transport. */
abstract class ClusterMetricsContract {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final ClusterOptions OPTIONS = ClusterOptions.builder().discoveryWindow(Duration.ofMillis(200)).build();

    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** A new transport on the bus every node of the test shares. */
    abstract Transport newTransport();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    ClusterNode startNode(Transport transport) {
        return startNode(transport, OPTIONS);
    }

    ClusterNode startNode(Transport transport, ClusterOptions options) {
        toClose.add(transport);
        ClusterNode node = ClusterNode.start(transport, options);
        toClose.add(node);
        return node;
    }

    ClusterNamespace join(ClusterNode node, FakeLocalSide sockets) throws Exception {
        ClusterNamespace namespace = node.namespace("/", sockets);
        namespace.ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return namespace;
    }

    static MeterRegistry registryFor(ClusterNode node) {
        MeterRegistry registry = new SimpleMeterRegistry();
        new ClusterMetrics(node).bindTo(registry);
        return registry;
    }

    static double counter(MeterRegistry registry, String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    static double gauge(MeterRegistry registry, String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Test
    @DisplayName("messages, attachments and peers are counted on both sides of real traffic")
    void traffic() throws Exception {
        ClusterNode a = startNode(newTransport());
        ClusterNode b = startNode(newTransport());
        MeterRegistry metricsA = registryFor(a);
        MeterRegistry metricsB = registryFor(b);
        ClusterNamespace nspA = join(a, new FakeLocalSide("a"));
        FakeLocalSide socketsB = new FakeLocalSide("b").addSocket("s1");
        join(b, socketsB);
        await().atMost(WAIT).until(() -> gauge(metricsA, "siocluster.peers") == 1 && gauge(metricsB, "siocluster.peers") == 1);

        nspA.broadcast(BroadcastPacket.event("news", "small"), BroadcastOptions.ALL);
        nspA.broadcast(BroadcastPacket.event("news", "x".repeat(9_000)), BroadcastOptions.ALL);

        await().atMost(WAIT).until(() -> socketsB.received("s1").size() == 2);
        assertThat(counter(metricsA, "siocluster.messages.published", "type", "broadcast")).isEqualTo(2);
        assertThat(counter(metricsB, "siocluster.messages.received", "type", "broadcast")).isEqualTo(2);
        assertThat(counter(metricsA, "siocluster.messages.received", "type", "broadcast")).isZero();
        assertThat(counter(metricsA, "siocluster.attachments", "operation", "stored")).isEqualTo(1);
        assertThat(counter(metricsB, "siocluster.attachments", "operation", "fetched")).isEqualTo(1);
        assertThat(counter(metricsB, "siocluster.messages.published", "type", "initial_heartbeat")).isEqualTo(1);
        assertThat(counter(metricsB, "siocluster.messages.dropped", "reason", "malformed")).isZero();
        var publish = metricsA.get("siocluster.publish").functionTimer();
        assertThat(publish.count()).isGreaterThanOrEqualTo(3); // INITIAL_HEARTBEAT and two BROADCASTs, maybe HEARTBEATs
        assertThat(publish.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        // A's own messages come back to it from the bus: each is timed from the outbox until then
        await().atMost(WAIT).until(() -> metricsA.get("siocluster.delivery").functionTimer().count() >= 3);
        assertThat(metricsA.get("siocluster.delivery").functionTimer().totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(gauge(metricsA, "siocluster.health", "status", "up")).isEqualTo(1);
        assertThat(gauge(metricsA, "siocluster.health", "status", "degraded")).isZero();
        assertThat(gauge(metricsA, "siocluster.transport.state", "state", "up")).isEqualTo(1);
        assertThat(registryFor(a).get("siocluster.messages.published").tag("type", "broadcast").functionCounter()
                .getId().getBaseUnit()).isEqualTo("messages");
    }

    @Test
    @DisplayName("the overload meters: with a 1 ns threshold every real message is delayed, and the node says overloaded")
    void overload() throws Exception {
        ClusterOptions everythingIsLate = ClusterOptions.builder().discoveryWindow(Duration.ofMillis(200))
                .overloadThreshold(Duration.ofNanos(1)).build();
        ClusterNode a = startNode(newTransport(), everythingIsLate);
        ClusterNode b = startNode(newTransport(), everythingIsLate);
        MeterRegistry metricsA = registryFor(a);
        MeterRegistry metricsB = registryFor(b);
        assertThat(gauge(metricsA, "siocluster.overloaded")).isZero();
        ClusterNamespace nspA = join(a, new FakeLocalSide("a"));
        FakeLocalSide socketsB = new FakeLocalSide("b").addSocket("s1");
        join(b, socketsB);

        nspA.broadcast(BroadcastPacket.event("news", "late"), BroadcastOptions.ALL);

        await().atMost(WAIT).until(() -> socketsB.received("s1").size() == 1);
        await().atMost(WAIT).until(() -> counter(metricsB, "siocluster.messages.delayed", "queue", "delivery") >= 1);
        assertThat(counter(metricsA, "siocluster.messages.delayed", "queue", "publish")).isGreaterThanOrEqualTo(2);
        assertThat(gauge(metricsA, "siocluster.queue.delay", "queue", "publish")).isPositive();
        assertThat(gauge(metricsA, "siocluster.overloaded")).isEqualTo(1);
        assertThat(counter(metricsA, "siocluster.outbound.overflows")).isZero();
        assertThat(a.health().reason()).contains("overloaded");
    }

    @Test
    @DisplayName("the transport's queue depth and batches are metered when it keeps them, absent when not")
    void transportPublishing() throws Exception {
        ClusterNode a = startNode(newTransport());
        ClusterNode b = startNode(newTransport());
        MeterRegistry metricsA = registryFor(a);
        ClusterNamespace nspA = join(a, new FakeLocalSide("a"));
        FakeLocalSide socketsB = new FakeLocalSide("b").addSocket("s1");
        join(b, socketsB);
        if (a.transportMetrics().isEmpty()) {
            assertThat(metricsA.find("siocluster.transport.batches").functionCounter()).isNull();
            assertThat(metricsA.find("siocluster.transport.queue.depth").gauge()).isNull();
            return;
        }
        for (int i = 0; i < 20; i++) {
            nspA.broadcast(BroadcastPacket.event("news", "m" + i), BroadcastOptions.ALL);
        }

        await().atMost(WAIT).until(() -> socketsB.received("s1").size() == 20);
        double batches = counter(metricsA, "siocluster.transport.batches");
        double messages = counter(metricsA, "siocluster.transport.batch.messages");
        assertThat(batches).isPositive();
        assertThat(messages).isGreaterThanOrEqualTo(21).isGreaterThanOrEqualTo(batches); // 20 and a heartbeat at least
        assertThat(gauge(metricsA, "siocluster.transport.queue.depth")).isGreaterThanOrEqualTo(0);
    }

    @Test
    @DisplayName("a request waiting for a peer that never answers is active, then counted as timed out")
    void requests() throws Exception {
        ClusterNode a = startNode(newTransport());
        ClusterNode b = startNode(newTransport());
        MeterRegistry metricsA = registryFor(a);
        ClusterNamespace nspA = join(a, new FakeLocalSide("a"));
        FakeLocalSide silent = new FakeLocalSide("b");
        silent.answerServerSideEmitWith(args -> Optional.empty());
        join(b, silent);
        await().atMost(WAIT).until(() -> nspA.peers().size() == 1);

        var unanswered = nspA.serverSideEmitWithAck(List.of("ping"), Duration.ofSeconds(1)).toCompletableFuture();
        await().atMost(WAIT).until(() -> gauge(metricsA, "siocluster.requests.active") == 1);

        assertThatThrownBy(() -> unanswered.get(10, TimeUnit.SECONDS)).hasMessageContaining("Timeout");
        assertThat(counter(metricsA, "siocluster.requests.timeouts")).isEqualTo(1);
        await().atMost(WAIT).until(() -> gauge(metricsA, "siocluster.requests.active") == 0);
    }

    @Test
    @DisplayName("counters follow a server's restarts without going down, and a stopped server reads as DOWN")
    void restarts() throws Exception {
        AtomicReference<Optional<ClusterNode>> running = new AtomicReference<>(Optional.empty());
        MeterRegistry registry = new SimpleMeterRegistry();
        new ClusterMetrics(running::get).bindTo(registry);
        assertThat(gauge(registry, "siocluster.health", "status", "down")).isEqualTo(1);
        assertThat(gauge(registry, "siocluster.transport.state", "state", "closed")).isEqualTo(1);

        ClusterNode first = startAndBroadcast(running, "first");
        assertThat(counter(registry, "siocluster.messages.published", "type", "broadcast")).isEqualTo(1);
        assertThat(gauge(registry, "siocluster.health", "status", "up")).isEqualTo(1);

        first.close();
        running.set(Optional.empty());
        assertThat(counter(registry, "siocluster.messages.published", "type", "broadcast")).isEqualTo(1);
        assertThat(gauge(registry, "siocluster.health", "status", "down")).isEqualTo(1);

        startAndBroadcast(running, "second");
        assertThat(counter(registry, "siocluster.messages.published", "type", "broadcast")).isEqualTo(2);
        assertThat(counter(registry, "siocluster.messages.published", "type", "initial_heartbeat")).isEqualTo(2);
    }

    /** What a server's start does for the metrics: a new node becomes the running one; then it broadcasts once. */
    private ClusterNode startAndBroadcast(AtomicReference<Optional<ClusterNode>> running, String name) throws Exception {
        ClusterNode node = startNode(newTransport());
        running.set(Optional.of(node));
        join(node, new FakeLocalSide(name)).broadcast(BroadcastPacket.event(name), BroadcastOptions.ALL)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        return node;
    }

    @Test
    @DisplayName("a node that cannot be read gives NaN, never an exception to the registry")
    void neverThrows() {
        MeterRegistry registry = new SimpleMeterRegistry();
        new ClusterMetrics(() -> {
            throw new IllegalStateException("no node for you");
        }).bindTo(registry);

        assertThat(counter(registry, "siocluster.messages.published", "type", "broadcast")).isNaN();
        assertThat(gauge(registry, "siocluster.health", "status", "down")).isNaN();
        assertThat(gauge(registry, "siocluster.peers")).isNaN();
    }
}
