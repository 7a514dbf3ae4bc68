package io.siocluster.interop;

import static io.siocluster.interop.harness.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.codec.ProtocolCodec;
import io.siocluster.core.protocol.Broadcast;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.protocol.Envelope;
import io.siocluster.interop.harness.ClusterNames;
import io.siocluster.interop.harness.JavaNode;
import io.siocluster.interop.harness.NodeClients;
import io.siocluster.interop.harness.NodeClients.Connection;
import io.siocluster.interop.harness.NodeHarness;
import io.siocluster.interop.harness.NodeServer;
import io.siocluster.interop.harness.Sent;
import io.siocluster.interop.harness.Target;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Messages around PostgreSQL's NOTIFY limit (payloads under 8000 bytes). Sizes are those of the whole JSON
 * message in UTF-8 bytes, as both adapters measure them against {@code payloadThreshold} (8000).
 */
@ExtendWith(PostgresExtension.class)
@DisplayName("Payload sizes around the 8000-byte NOTIFY limit")
class PayloadSizeInteropTest {

    @RegisterExtension
    static final NodeHarness NODE = new NodeHarness();

    private static PostgresDatabase db;
    private static ClusterNames names;
    private static NodeServer server;
    private static NodeClients clients;
    private static JavaNode java;

    @BeforeAll
    static void startCluster(PostgresDatabase database) {
        db = database;
        names = ClusterNames.create(db, "payload");
        server = NODE.startServer(db, names.nodeServer("node-payload"));
        java = JavaNode.start("java-payload", db, names);
        java.connect("j-1", null);
        clients = NODE.startClients("clients-payload");
        clients.connect(Connection.websocket("n-ws", server.url()));
        clients.connect(Connection.polling("n-polling", server.url()));
        eventually().until(() -> server.serverCount() == 2 && java.serverCount() == 2);
    }

    @AfterAll
    static void stopJava() {
        if (java != null) {
            java.close();
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {7999, 8000, 20000})
    @DisplayName("Java to Node: a broadcast of N bytes reaches the JS clients (8000 and more through the attachments table)")
    void javaToNode(int bytes) {
        String event = "j-size-" + bytes;
        BroadcastPacket packet = javaPacketOfJsonBytes(bytes, event);
        long attachmentsBefore = names.attachmentsWritten(db);

        java.namespace().broadcast(packet, BroadcastOptions.ALL).toCompletableFuture().join();

        eventually().untilAsserted(() -> assertThat(clients.receivers(event)).containsExactlyInAnyOrder("n-ws", "n-polling"));
        assertThat(clients.received("n-polling", event).get(0).args()).isEqualTo(packet.args());
        long attachments = names.attachmentsWritten(db) - attachmentsBefore;
        assertThat(attachments).as("attachment rows written").isEqualTo(bytes >= 8000 ? 1 : 0);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {7999, 20000})
    @DisplayName("Node to Java: a broadcast of N bytes reaches the Java node (20000 through the attachments table)")
    void nodeToJava(int bytes) {
        String event = "n-size-" + bytes;

        List<Sent> sent = server.emitPadded(Target.all(), bytes, event);

        if (bytes < 8000) {
            assertThat(sent).singleElement().satisfies(s -> {
                assertThat(s.kind()).isEqualTo("notify");
                assertThat(s.bytes()).isEqualTo(bytes);
                assertThat(s.ok()).isTrue();
            });
        } else {
            assertThat(sent).extracting(Sent::kind).containsExactly("attachment", "notify");
            assertThat(sent).allMatch(Sent::ok);
        }
        eventually().untilAsserted(() -> assertThat(java.local().receivers(event)).containsExactly("j-1"));
        String padding = (String) java.local().delivered("j-1", event).get(0).args().get(0);
        assertThat(padding).matches("a+");
    }

    @Test
    @DisplayName("Node 0.5.0 defect: a message of exactly 8000 bytes goes inline, PostgreSQL refuses it, no other node gets it")
    void nodeLosesExactly8000Bytes() {
        List<Sent> sent = server.emitPadded(Target.all(), 8000, "n-size-8000");

        // The adapter compares with '>' where NOTIFY needs fewer than 8000 bytes: it tries inline and fails.
        assertThat(sent).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo("notify");
            assertThat(s.bytes()).isEqualTo(8000);
            assertThat(s.ok()).isFalse();
            assertThat(s.error()).contains("payload string too long");
        });
        eventually().untilAsserted(() -> assertThat(server.adapterErrors()).contains("payload string too long"));
        // The Node server's own clients get it (local delivery); the Java node never hears of it.
        server.emit(Target.all(), "n-after-8000");
        eventually().untilAsserted(() -> assertThat(java.local().receivers("n-after-8000")).containsExactly("j-1"));
        assertThat(java.local().receivers("n-size-8000")).isEmpty();
        assertThat(clients.receivers("n-size-8000")).containsExactlyInAnyOrder("n-ws", "n-polling");
    }

    /** An event whose cluster message, as the Java node encodes it, is exactly {@code bytes} bytes of JSON. */
    private static BroadcastPacket javaPacketOfJsonBytes(int bytes, String event) {
        ProtocolCodec codec = ProtocolCodec.createDefault();
        String uid = java.namespace().uid();
        // sized as published, "seq" included: the number the node gives its next message (a heartbeat sent in
        // between changes the size only when it makes that number a digit longer)
        long seq = java.namespace().lastSeq() + 1;
        int base = utf8(codec.encodeJson(new Envelope(uid, "/", Broadcast.of(BroadcastPacket.event(event, ""),
                BroadcastOptions.ALL), seq)));
        BroadcastPacket packet = BroadcastPacket.event(event, "b".repeat(bytes - base));
        assertThat(utf8(codec.encodeJson(new Envelope(uid, "/", Broadcast.of(packet, BroadcastOptions.ALL), seq))))
                .isEqualTo(bytes);
        return packet;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
