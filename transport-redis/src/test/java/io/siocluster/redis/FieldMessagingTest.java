package io.siocluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.siocluster.spi.error.PayloadTooLargeException;
import io.siocluster.spi.messaging.FieldMessaging;
import io.siocluster.tck.MessageRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The field facet: entries of the caller's fields, as another client (Node's adapter) writes and reads them. */
class FieldMessagingTest {

    @Test
    @DisplayName("entries of any fields go out as XADD fields in order and come back whole, own and foreign ones alike")
    void fieldsBothWays() throws Exception {
        String prefix = TestTransports.uniquePrefix("fields");
        try (RedisTransport node = Nodes.up(RedisServer.sharedUrl(), prefix);
                RedisClient admin = RedisClient.create(RedisServer.sharedUrl());
                StatefulRedisConnection<String, String> other = admin.connect()) {
            FieldMessaging fields = node.messaging().fields().orElseThrow();
            List<Map<String, String>> received = new CopyOnWriteArrayList<>();
            MessageRecorder texts = new MessageRecorder();
            Nodes.ready(fields.subscribe("socket.io", (stream, entry) -> received.add(entry)));
            Nodes.ready(node.messaging().subscribe("socket.io", texts));

            Map<String, String> mine = new LinkedHashMap<>();
            mine.put("uid", "java");
            mine.put("nsp", "/");
            mine.put("type", "3");
            mine.put("data", "{\"é\":1}");
            fields.publish("socket.io", mine).toCompletableFuture().get(10, TimeUnit.SECONDS);
            other.sync().xadd(prefix + "socket.io", Map.of("uid", "node", "nsp", "/"));

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            assertThat(received.get(0)).containsExactlyEntriesOf(mine);
            assertThat(received.get(1)).containsEntry("uid", "node").hasSize(2);
            List<StreamMessage<String, String>> stored = other.sync().xrange(prefix + "socket.io", io.lettuce.core.Range.create("-", "+"));
            assertThat(new ArrayList<>(stored.get(0).getBody().keySet())).containsExactly("uid", "nsp", "type", "data");
            assertThat(texts.count()).as("a text subscription skips entries that are not one 'payload' field").isZero();
            assertThat(node.malformedEntries()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("an entry over maxPayloadBytes, or with no field, fails through the stage")
    void limits() {
        String prefix = TestTransports.uniquePrefix("fields");
        try (RedisTransport node = (RedisTransport) io.siocluster.spi.Transports.create(
                TestTransports.options(RedisServer.sharedUrl(), prefix).option(RedisOptions.MAX_PAYLOAD_BYTES, 10).build())) {
            FieldMessaging fields = node.messaging().fields().orElseThrow();
            ExecutionException tooLarge = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> fields.publish("s", Map.of("data", "0123456789")).toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertThat(tooLarge).hasCauseInstanceOf(PayloadTooLargeException.class);
            ExecutionException empty = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> fields.publish("s", Map.of()).toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertThat(empty).hasCauseInstanceOf(IllegalArgumentException.class);
        }
    }
}
