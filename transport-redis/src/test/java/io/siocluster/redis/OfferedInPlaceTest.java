package io.siocluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.spi.messaging.MessageListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Entries are offered to listeners on the thread that read them (a Lettuce I/O thread, or the control thread), so a
 * listener that takes offers costs no hand-off to the dispatcher; one that refuses gets the rest through
 * {@code onMessage} on the dispatcher (the TCK's M14 checks the order and that nothing is lost or doubled).
 */
class OfferedInPlaceTest {

    @Test
    @DisplayName("a listener that takes offers gets the entries on the reading thread, never on the dispatcher")
    void offersTakenWhereRead() throws Exception {
        String url = RedisServer.sharedUrl();
        String prefix = TestTransports.uniquePrefix("offered");
        try (RedisTransport publisher = Nodes.up(url, prefix); RedisTransport subscriber = Nodes.up(url, prefix)) {
            List<String> received = Collections.synchronizedList(new ArrayList<>());
            Set<String> offerThreads = ConcurrentHashMap.newKeySet();
            Set<String> messageThreads = ConcurrentHashMap.newKeySet();
            Nodes.ready(subscriber.messaging().subscribe("ch", new MessageListener() {
                @Override
                public void onMessage(String channel, String payload) {
                    messageThreads.add(Thread.currentThread().getName());
                    received.add(payload);
                }

                @Override
                public boolean offer(String channel, String payload) {
                    offerThreads.add(Thread.currentThread().getName());
                    received.add(payload);
                    return true;
                }
            }));

            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                sent.add("m" + i);
                publisher.messaging().publish("ch", "m" + i);
            }

            await("all delivered").atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 500);
            assertThat(received).containsExactlyElementsOf(sent);
            assertThat(messageThreads).as("nothing refused, nothing handed to the dispatcher").isEmpty();
            assertThat(offerThreads).isNotEmpty().noneMatch(name -> name.contains("dispatcher"));
        }
    }
}
