package io.siocluster.interop;

import static io.siocluster.interop.harness.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
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
import java.util.List;
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
        if (stream != null && RedisEnvironment.reachable()) {
            try (RedisClient admin = RedisClient.create(RedisEnvironment.url());
                    StatefulRedisConnection<String, String> connection = admin.connect()) {
                for (int i = -STREAMS + 1; i < STREAMS; i++) {
                    connection.sync().del(stream + "-" + i);
                }
                connection.sync().del(stream);
            }
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

        try (RedisClient admin = RedisClient.create(RedisEnvironment.url());
                StatefulRedisConnection<String, String> connection = admin.connect()) {
            assertThat(connection.sync().xlen(stream + "-2")).as("entries of / on %s-2", stream).isPositive();
            assertThat(connection.sync().exists(stream)).as("nothing on the unsuffixed stream").isZero();
            assertThat(connection.sync().keys(stream + "*")).as("/ and /chat (Node's) streams only")
                    .allMatch(key -> List.of(stream + "-2", stream + "-1").contains(key));
        }
    }
}
