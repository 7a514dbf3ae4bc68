package io.siocluster.tck.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.MessageType;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.tck.Stages;
import io.siocluster.tck.TckTimeouts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules C18-C19: what a node does with payloads it cannot use. */
abstract class RobustnessRules {

    static final int MALFORMED = 1_200;

    private final ClusterNodesFixture cluster;

    RobustnessRules(ClusterNodesFixture cluster) {
        this.cluster = cluster;
    }

    @Test
    @DisplayName("C18 1,200 generated malformed payloads on the channel are dropped and counted, and every node keeps working")
    void malformedPayloads() {
        List<TestNode> nodes = cluster.startThree();
        long[] before = nodes.stream().mapToLong(n -> n.stats().malformedMessages()).toArray();
        // "emitter" is never a peer, so the marker from this raw publisher leaves the membership alone
        RawPeer raw = cluster.rawPeer(Envelope.EMITTER_UID);

        raw.publishRaw(MalformedPayloads.generate(MALFORMED, System.nanoTime()));
        raw.send(Broadcast.of(BroadcastPacket.event("marker"), BroadcastOptions.ALL));

        for (int i = 0; i < nodes.size(); i++) {
            TestNode node = nodes.get(i);
            awaitEvent("C18 the message after the malformed ones reaches " + node.name(), node, "marker");
            assertThat(node.stats().malformedMessages() - before[i]).as("C18 every malformed payload is counted on "
                    + node.name() + " (" + node.stats() + ")").isEqualTo(MALFORMED);
        }
        Stages.join(nodes.get(1).nsp().broadcast(BroadcastPacket.event("still-working"), BroadcastOptions.ALL));
        for (TestNode node : nodes) {
            awaitEvent("C18 broadcasts still flow to " + node.name(), node, "still-working");
            assertThat(Stages.join(node.nsp().serverCount())).as("C18 membership on " + node.name()).isEqualTo(3);
        }
        assertThat(Stages.join(nodes.get(0).nsp().fetchSockets(BroadcastOptions.ALL))).extracting(SocketDetails::id)
                .as("C18 requests still work").hasSize(12);
    }

    @Test
    @DisplayName("C19 an attachment whose blob is gone is dropped and counted, and its sender's later messages still arrive in order")
    void missingAttachment() {
        cluster.requireBlobStore();
        List<TestNode> nodes = cluster.startThree();
        long[] before = nodes.stream().mapToLong(n -> n.stats().missingAttachments()).toArray();
        RawPeer sender = cluster.rawPeer("lost" + Long.toHexString(System.nanoTime()));

        sender.sendHeader(MessageType.BROADCAST, "987654321098"); // a blob id never stored, or long purged
        for (int seq = 0; seq < MixedMessages.COUNT; seq++) {
            Broadcast message = Broadcast.of(MixedMessages.packet(seq), BroadcastOptions.ALL);
            if (seq % 3 == 0) {
                sender.send(message);
            } else {
                sender.sendAsAttachment(message);
            }
        }
        sender.send(Broadcast.of(BroadcastPacket.event("marker"), BroadcastOptions.ALL));

        for (int i = 0; i < nodes.size(); i++) {
            TestNode node = nodes.get(i);
            awaitEvent("C19 the sender's last message reaches " + node.name(), node, "marker");
            assertThat(node.stats().missingAttachments() - before[i]).as("C19 the missing attachment is counted on "
                    + node.name()).isEqualTo(1);
            for (String socket : node.local().socketIds()) {
                assertThat(MixedMessages.seen(node.local().received(socket)))
                        .as("C19 socket %s receives the sender's later messages once each, in order, intact", socket)
                        .containsExactlyElementsOf(MixedMessages.expected());
            }
        }
    }

    static void awaitEvent(String rule, TestNode node, String event) {
        await(rule).atMost(TckTimeouts.delivery()).pollInterval(Duration.ofMillis(20))
                .until(() -> node.local().socketIds().stream()
                        .allMatch(socket -> MixedMessages.contains(node.local().received(socket), event)));
    }
}
