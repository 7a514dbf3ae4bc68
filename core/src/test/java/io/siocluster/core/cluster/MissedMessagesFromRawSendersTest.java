package io.siocluster.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterStats.DropReason;
import io.siocluster.core.codec.AttachmentHeader;
import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.protocol.AdapterClose;
import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.core.protocol.MessageType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What counts as missed, from hand-made payloads: each drop is counted once, under one reason. */
@DisplayName("missed messages, from raw senders")
class MissedMessagesFromRawSendersTest {

    private static final String CHANNEL = "socket.io#/";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ProtocolCodec codec = ProtocolCodec.createDefault();
    private final StubTransport transport = new StubTransport();
    private final RecordingLocalSide local = new RecordingLocalSide();
    private final ClusterNode node = ClusterNode.start(transport,
            ClusterOptions.builder().discoveryWindow(Duration.ZERO).build());

    @AfterEach
    void tearDown() {
        node.close();
        transport.close();
    }

    @Test
    @DisplayName("an attachment whose blob is gone counts as MISSING_ATTACHMENT only: its number arrived")
    void failedAttachmentIsNoGap() {
        node.namespace("/", local);
        inline("peer", 1, 1);
        transport.deliver(CHANNEL, codec.encodeHeader(new AttachmentHeader("peer", MessageType.BROADCAST, "gone", "/", 2)));
        inline("peer", 3, 3);
        await().atMost(WAIT).until(() -> local.broadcasts.size() == 2);
        assertThat(node.stats().drops(DropReason.MISSING_ATTACHMENT)).isEqualTo(1);
        assertThat(node.stats().drops(DropReason.MISSED)).isZero();

        inline("peer", 6, 6); // 4 and 5 never came
        await().atMost(WAIT).until(() -> local.broadcasts.size() == 3);
        assertThat(node.stats().drops(DropReason.MISSED)).isEqualTo(2);
    }

    @Test
    @DisplayName("unnumbered senders (Node) and the emitter, many processes under one uid, are never counted")
    void uncheckable() {
        node.namespace("/", local);
        inline("node-js", Envelope.UNNUMBERED, 1);
        inline("node-js", Envelope.UNNUMBERED, 2);
        inline(Envelope.EMITTER_UID, 1, 3);
        inline(Envelope.EMITTER_UID, 9, 4);
        inline(Envelope.EMITTER_UID, 3, 5);
        await().atMost(WAIT).until(() -> local.broadcasts.size() == 5);
        assertThat(node.stats().drops(DropReason.MISSED)).isZero();
    }

    @Test
    @DisplayName("a sender that said goodbye is forgotten: a later message under its uid starts afresh")
    void goodbyeForgets() {
        node.namespace("/", local);
        inline("peer", 1, 1);
        transport.deliver(CHANNEL, codec.encodeJson(new Envelope("peer", "/", AdapterClose.INSTANCE, 2)));
        inline("peer", 10, 2);
        await().atMost(WAIT).until(() -> local.broadcasts.size() == 2);
        assertThat(node.stats().drops(DropReason.MISSED)).isZero();
    }

    @Test
    @DisplayName("a numbered message that arrives again (a replay's duplicate) is dropped and counted DUPLICATE, never delivered twice")
    void duplicatesAreDropped() {
        node.namespace("/", local);
        inline("peer", 1, 1);
        inline("peer", 2, 2);
        inline("peer", 2, 2); // again: dropped
        inline("peer", 1, 1); // 1 again is a restart under a configured uid: delivered, counted afresh
        inline("peer", 2, 2);
        inline("peer", 2, 2); // again: dropped
        inline("node-js", Envelope.UNNUMBERED, 3);
        inline("node-js", Envelope.UNNUMBERED, 3); // unnumbered: cannot be told from a new one
        inline("peer", 3, 4);
        await().atMost(WAIT).until(() -> local.broadcasts.size() == 7);
        assertThat(node.stats().drops(DropReason.DUPLICATE)).isEqualTo(2);
        assertThat(node.stats().drops(DropReason.MISSED)).isZero();
    }

    private void inline(String sender, long seq, int n) {
        transport.deliver(CHANNEL, codec.encodeJson(new Envelope(sender, "/",
                Broadcast.of(BroadcastPacket.event("e", n), BroadcastOptions.ALL), seq)));
    }
}
