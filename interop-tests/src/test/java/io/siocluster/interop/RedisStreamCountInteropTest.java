package io.siocluster.interop;

import static io.siocluster.interop.harness.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.emitter.Emitter;
import io.siocluster.core.emitter.EmitterOptions;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.BroadcastPacket;
import io.siocluster.core.wire.WireFormat;
import io.siocluster.interop.harness.JavaNode;
import io.siocluster.interop.harness.NodeClients;
import io.siocluster.interop.harness.NodeClients.Connection;
import io.siocluster.interop.harness.NodeHarness;
import io.siocluster.interop.harness.NodeServer;
import io.siocluster.interop.harness.RedisEnvironment;
import io.siocluster.interop.harness.Target;
import io.siocluster.spi.Transport;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Node's {@code streamCount}: a Node server (redis-streams-adapter 0.3.1, {@code streamCount: 3}) and a Java node and
 * emitter with {@code streamCount(3)} put namespace {@code /} on the same one of three streams ({@code <name>-2}:
 * {@code "/".hashCode()} is 47) and hear each other there; nothing goes on the unsuffixed stream.
 */
@DisplayName("Java and Node servers with three streams (Node's streamCount)")
class RedisStreamCountInteropTest {

    @RegisterExtension
    static final NodeHarness NODE = new NodeHarness();

    private static final int STREAMS = 3;

    private static String stream;
    private static NodeServer server;
    private static NodeClients clients;
    private static JavaNode java;

    @BeforeAll
    static void startCluster() {
        Assumptions.assumeTrue(RedisEnvironment.reachable(), "no Redis at " + RedisEnvironment.url() + " (SIO_REDIS_URL)");
        stream = "sio-interop-count-" + UUID.randomUUID().toString().substring(0, 8);
        server = NODE.startRedisServer(RedisEnvironment.url(), "node-count", stream, STREAMS);
        java = JavaNode.onRedis("java-count", RedisEnvironment.url(), stream, STREAMS);
        java.connect("j-1", null);
        clients = NODE.startClients("clients-count");
        clients.connect(Connection.websocket("n-1", server.url()));
    }

    @AfterAll
    static void stop() {
        if (java != null) {
            java.close();
        }
        if (stream != null) {
            RedisEnvironment.deleteKeys(stream, stream + "-0", stream + "-1", stream + "-2");
        }
    }

    @Test
    @DisplayName("broadcasts go both ways on <name>-2, the stream both sides compute for /, and emitters reach both")
    void sameStreamBothWays() {
        java.namespace().broadcast(BroadcastPacket.event("j-hello"), BroadcastOptions.ALL).toCompletableFuture().join();
        eventually().untilAsserted(() -> assertThat(clients.receivers("j-hello")).containsExactly("n-1"));
        server.emit(Target.all(), "n-hello");
        eventually().untilAsserted(() -> assertThat(java.local().receivers("n-hello")).containsExactly("j-1"));
        try (Transport transport = JavaNode.redisTransport("emitter-count", RedisEnvironment.url())) {
            Emitter emitter = Emitter.create(transport, EmitterOptions.builder().channelPrefix(stream)
                    .wireFormat(WireFormat.REDIS_STREAMS).streamCount(STREAMS).build());
            emitter.emit("e-hello").toCompletableFuture().join();
            eventually().untilAsserted(() -> {
                assertThat(clients.receivers("e-hello")).containsExactly("n-1");
                assertThat(java.local().receivers("e-hello")).containsExactly("j-1");
            });
        }

        assertThat(RedisEnvironment.streamLength(stream + "-2")).as("entries of / on %s-2", stream).isPositive();
        assertThat(RedisEnvironment.streamLength(stream + "-1")).as("Node's /chat on %s-1", stream).isPositive();
        assertThat(RedisEnvironment.streamLength(stream)).as("nothing on the unsuffixed stream").isEqualTo(-1);
        assertThat(RedisEnvironment.streamLength(stream + "-0")).as("nothing on %s-0", stream).isEqualTo(-1);
    }
}
