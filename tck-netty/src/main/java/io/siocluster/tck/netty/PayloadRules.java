package io.siocluster.tck.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.tck.TckTimeouts;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules N36-N37: payloads far over the transport's inline limit travel as attachments and arrive intact. */
public abstract class PayloadRules extends ClusterRules {

    @Test
    @DisplayName("N36 a 20 kB text broadcast arrives intact on every server")
    void twentyKilobytes() {
        String ns = cluster().newNamespace();
        List<TestClient> clients = List.of(connect(0, ns), connect(1, ns), connect(2, ns));
        StringBuilder text = new StringBuilder();
        Random random = new Random(20);
        while (text.length() < 20_000) {
            text.append((char) ('a' + random.nextInt(26))).append("é✓");
        }

        join("N36", server(0).of(ns).emit("big", text.toString()));

        for (TestClient client : clients) {
            awaitReceived("N36", client, "big", 1);
            assertThat(client.received("big").get(0)).as("N36 %s receives the text unchanged", client)
                    .containsExactly(text.toString());
        }
    }

    @Test
    @DisplayName("N37 a 1 MiB binary broadcast arrives intact on every server, over websocket and polling")
    void oneMebibyte() {
        String ns = cluster().newNamespace();
        List<TestClient> clients = List.of(connect(0, ns), connect(1, ns), connect(2, ns),
                cluster().connect(server(1), ns, new TestClient.Options().polling()));
        byte[] bytes = new byte[1024 * 1024];
        new Random(37).nextBytes(bytes);

        join("N37", server(2).of(ns).emit("huge", "label", bytes));

        for (TestClient client : clients) {
            org.awaitility.Awaitility.await("N37 " + client + " receives 1 MiB").atMost(TckTimeouts.bulk())
                    .until(() -> !client.received("huge").isEmpty());
            List<Object> args = client.received("huge").get(0);
            assertThat(args.get(0)).as("N37 %s: the text argument", client).isEqualTo("label");
            assertThat((byte[]) args.get(1)).as("N37 %s: 1 MiB of binary, unchanged", client).isEqualTo(bytes);
        }
    }
}
