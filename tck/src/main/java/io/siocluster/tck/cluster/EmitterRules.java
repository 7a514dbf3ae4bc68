package io.siocluster.tck.cluster;

import static io.siocluster.tck.cluster.RoutingCheck.suffixIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.emitter.Emitter;
import io.siocluster.core.emitter.EmitterOperator;
import io.siocluster.core.emitter.EmitterOptions;
import io.siocluster.core.protocol.BroadcastFlags;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.Values;
import io.siocluster.spi.Transport;
import io.siocluster.spi.error.TransientTransportException;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.tck.ConnectionCutter;
import io.siocluster.tck.Stages;
import io.siocluster.tck.TckTimeouts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules C22-C26: the emitter, which reaches the cluster's sockets without being one of its nodes. */
abstract class EmitterRules {

    private final ClusterNodesFixture cluster;

    EmitterRules(ClusterNodesFixture cluster) {
        this.cluster = cluster;
    }

    @Test
    @DisplayName("C22 an emitter's events to the namespace reach every socket of every node once, in order (small, 20 kB and binary mixed), with their flags")
    void emitToEveryone() {
        List<TestNode> nodes = assertEmitted("C22", emitter -> emitter.volatileFlag().compress(false), socket -> true);

        for (TestNode node : nodes) {
            assertThat(node.local().broadcastOptions()).as("C22 volatile and compress(false) reach " + node.name())
                    .hasSize(MixedMessages.COUNT + 1).first()
                    .isEqualTo(new BroadcastOptions(List.of(), List.of(),
                            BroadcastFlags.builder().volatileFlag(true).compress(false).build()));
        }
    }

    @Test
    @DisplayName("C22 an emitter's events to a room reach the sockets in that room on every node, and no other")
    void emitToRoom() {
        assertEmitted("C22", emitter -> emitter.to("room-b"), socket -> suffixIn(socket, "b", "ab"));
    }

    @Test
    @DisplayName("C22 an emitter's events except a room and a socket id leave those sockets out")
    void emitExcept() {
        assertEmitted("C22", emitter -> emitter.in("room-a", "room-b").except("room-b", "n3-a"),
                socket -> suffixIn(socket, "a") && !socket.equals("n3-a"));
    }

    @Test
    @DisplayName("C23 an emitter refuses Socket.IO's reserved event names with IllegalArgumentException and sends nothing")
    void reservedEventNames() {
        List<TestNode> nodes = cluster.startThree();
        Emitter emitter = cluster.emitter();

        for (String reserved : EmitterOperator.RESERVED_EVENTS) {
            assertThatThrownBy(() -> emitter.emit(reserved)).as("C23 emit(\"%s\")", reserved)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reserved);
            assertThatThrownBy(() -> emitter.to("room-a").emit(reserved, 1)).as("C23 to(room).emit(\"%s\")", reserved)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> emitter.serverSideEmit(reserved)).as("C23 serverSideEmit(\"%s\")", reserved)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        Stages.join(emitter.emit("marker"));
        for (TestNode node : nodes) {
            RobustnessRules.awaitEvent("C23 the emitter's next event reaches " + node.name(), node, "marker");
            for (String socket : node.local().socketIds()) {
                assertThat(node.local().received(socket)).extracting(BroadcastPacket::event)
                        .as("C23 socket %s received no reserved event", socket).containsExactly("marker");
            }
            assertThat(node.local().serverSideEvents()).as("C23 no reserved server-side event").isEmpty();
        }
    }

    @Test
    @DisplayName("C24 an emitter's socketsJoin, socketsLeave and disconnectSockets act on the matching sockets of every node")
    void emitterRoomOperations() {
        List<TestNode> nodes = cluster.startThree();
        Emitter emitter = cluster.emitter();

        Stages.join(emitter.in("room-b").socketsJoin("room-e"));
        Stages.join(emitter.to("room-e").except("room-a").socketsLeave("room-e"));
        Stages.join(emitter.except("room-e").disconnectSockets(false));

        for (TestNode node : nodes) {
            String n = node.name();
            await("C24 the emitter's room operations reach " + n).atMost(TckTimeouts.delivery())
                    .pollInterval(Duration.ofMillis(20)).until(() -> node.local().socketIds().size() == 1);
            assertThat(node.local().socketIds()).as("C24 only the socket left in room-e stays on " + n)
                    .containsExactly(n + "-ab");
            assertThat(node.local().rooms(n + "-ab")).as("C24 socketsJoin on " + n).contains("room-e");
            assertThat(node.local().disconnects()).as("C24 disconnectSockets(false) on " + n)
                    .containsExactlyInAnyOrder(n + "-a:keep", n + "-b:keep", n + "-0:keep");
        }
    }

    @Test
    @DisplayName("C25 an emitter's serverSideEmit reaches the handlers of every node, and an emitter is never counted as a node")
    void emitterServerSideEmitAndMembership() {
        List<TestNode> nodes = cluster.startThree();
        Emitter emitter = cluster.emitter();

        Stages.join(emitter.serverSideEmit("sync", Map.of("bytes", RequestRules.BINARY), 7));

        for (TestNode node : nodes) {
            await("C25 serverSideEmit reaches " + node.name()).atMost(TckTimeouts.delivery())
                    .until(() -> node.local().serverSideEvents().size() == 1);
            assertThat(Values.deepEquals(node.local().serverSideEvents().get(0),
                    List.of("sync", Map.of("bytes", RequestRules.BINARY), 7))).as("C25 the event arrives intact").isTrue();
            assertThat(Stages.join(node.nsp().serverCount())).as("C25 serverCount on " + node.name()).isEqualTo(3);
            assertThat(node.nsp().peers()).as("C25 peers of " + node.name()).doesNotContain("emitter").hasSize(2);
        }
    }

    @Test
    @DisplayName("C26 an emitter whose publish fails returns a failed stage (inline and attachment messages), never an exception or a retry")
    void failedPublishFailsTheStage() {
        Transport transport = cluster.upTransport();
        Emitter emitter = Emitter.create(transport, EmitterOptions.builder().channelPrefix(cluster.channelPrefix()).build());
        transport.close();

        assertThat(Stages.failureOf("C26", emitter.emit("small", 1), TckTimeouts.failFast()))
                .as("C26 an inline message's failure").isNotNull();
        assertThat(Stages.failureOf("C26", emitter.emit("binary", (Object) RequestRules.BINARY), TckTimeouts.failFast()))
                .as("C26 an attachment's failure").isNotNull();
        assertThat(Stages.failureOf("C26", emitter.socketsJoin("room"), TckTimeouts.failFast()))
                .as("C26 a room operation's failure").isNotNull();
    }

    @Test
    @DisplayName("C26 an emitter cut off from the bus fails fast with a transient error, and does not send the event later")
    void cutEmitterFailsFast() throws Exception {
        ConnectionCutter cutter = cluster.requireCutter();
        List<TestNode> nodes = cluster.startThree();
        Transport transport = cluster.upTransport();
        Emitter emitter = Emitter.create(transport, EmitterOptions.builder().channelPrefix(cluster.channelPrefix()).build());

        try (AutoCloseable outage = cutter.cut(transport)) {
            await("C26 the emitter's transport notices the cut").atMost(TckTimeouts.delivery())
                    .until(() -> transport.liveness().state() != LivenessState.UP);
            assertThat(Stages.failureOf("C26", emitter.emit("lost"), TckTimeouts.failFast()))
                    .as("C26 the failure is transient").isInstanceOf(TransientTransportException.class);
        }
        await("C26 the emitter's transport is back").atMost(TckTimeouts.delivery()).until(() -> transport.liveness().state() == LivenessState.UP);
        Stages.join(emitter.emit("marker"));
        for (TestNode node : nodes) {
            RobustnessRules.awaitEvent("C26 the emitter's next event reaches " + node.name(), node, "marker");
            assertThat(node.local().received(node.name() + "-0")).extracting(BroadcastPacket::event)
                    .as("C26 the failed event was not retried").containsExactly("marker");
        }
    }

    /** The marker comes from the same emitter (one publisher), so it arrives after the targeted events. */
    private List<TestNode> assertEmitted(String rule, Function<Emitter, EmitterOperator> target, Predicate<String> meantFor) {
        List<TestNode> nodes = cluster.startThree();
        Emitter emitter = cluster.emitter();
        EmitterOperator operator = target.apply(emitter);
        RoutingCheck.assertRouted(rule, nodes, meantFor, seq -> operator.emit(MixedMessages.EVENT, MixedMessages.args(seq)),
                () -> emitter.emit("marker"));
        return nodes;
    }
}
