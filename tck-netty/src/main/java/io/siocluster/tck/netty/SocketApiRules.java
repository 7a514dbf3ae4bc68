package io.siocluster.tck.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.siocluster.netty.BroadcastOperator;
import io.siocluster.tck.TckTimeouts;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules N43-N46: the volatile and compress modifiers, send/write, allSockets, and disconnecting after an emit. */
public abstract class SocketApiRules extends ClusterRules {

    @Test
    @DisplayName("N43 volatile and compress emits reach every client that can take them, with and without acks")
    void modifiersOnEmit() {
        String ns = cluster().newNamespace();
        List<TestClient> clients = List.of(connect(0, ns), connect(1, ns), connect(2, ns));
        clients.forEach(client -> client.answer("v-ack", args -> "ok"));

        join("N43", server(0).of(ns).asVolatile().compress(false).emit("v", 1));
        List<Object> acks = join("N43", server(1).of(ns).asVolatile().timeout(Duration.ofSeconds(5))
                .emitWithAck("v-ack"));

        flush("N43", server(2), ns, clients);
        for (TestClient client : clients) {
            assertThat(client.received("v")).as("N43 %s receives the volatile emit once", client)
                    .containsExactly(List.of(1));
        }
        assertThat(acks).as("N43 every client acknowledges the volatile emitWithAck").containsExactly("ok", "ok", "ok");
    }

    @Test
    @DisplayName("N44 volatile and compress on an operation that cannot use them fail with a clear message")
    void modifiersElsewhereAreRejected() {
        String ns = cluster().newNamespace();
        BroadcastOperator flagged = server(0).of(ns).asVolatile();

        assertThatThrownBy(flagged::fetchSockets).as("N44 fetchSockets")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fetchSockets does not take volatile");
        assertThatThrownBy(() -> flagged.socketsJoin("r")).as("N44 socketsJoin")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("apply to emit and emitWithAck only");
        assertThatThrownBy(() -> server(0).of(ns).compress(true).disconnectSockets()).as("N44 disconnectSockets")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("compress");
    }

    @Test
    @DisplayName("N45 send and write emit \"message\"; allSockets lists every server's socket ids")
    void aliasesAndAllSockets() {
        String ns = cluster().newNamespace();
        TestClient a = connect(0, ns);
        TestClient b = connect(2, ns);

        join("N45", server(1).of(ns).send("s", 1));
        join("N45", server(1).of(ns).to(b.id()).write("w"));
        Set<String> ids = join("N45", server(1).of(ns).allSockets());

        flush("N45", server(1), ns, List.of(a, b));
        assertThat(a.received("message")).as("N45 send reaches everyone").containsExactly(List.of("s", 1));
        assertThat(b.received("message")).as("N45 write reaches the selected socket")
                .containsExactly(List.of("s", 1), List.of("w"));
        assertThat(ids).as("N45 allSockets").containsExactlyInAnyOrder(a.id(), b.id());
    }

    @Test
    @DisplayName("N46 an emit followed by disconnectSockets(true) reaches the sockets before they are disconnected")
    void emitThenDisconnect() {
        String ns = cluster().newNamespace();
        List<TestClient> clients = List.of(connect(0, ns), connect(1, ns), connect(2, ns));

        server(0).of(ns).emit("bye", "last");
        join("N46", server(0).of(ns).disconnectSockets(true));

        for (TestClient client : clients) {
            await("N46 " + client + " is disconnected").atMost(TckTimeouts.delivery())
                    .until(() -> !client.disconnects().isEmpty());
            assertThat(client.received("bye")).as("N46 %s received the emit first", client)
                    .containsExactly(List.of("last"));
        }
    }

    @Test
    @DisplayName("N47 disconnectSockets() without an argument disconnects every socket and keeps connections open")
    void disconnectWithoutArgument() {
        String ns = cluster().newNamespace();
        List<TestClient> clients = List.of(connect(0, ns), connect(1, ns));

        join("N47", server(2).of(ns).disconnectSockets());

        for (TestClient client : clients) {
            await("N47 " + client + " is disconnected from the namespace").atMost(TckTimeouts.delivery())
                    .until(() -> client.disconnects().contains("io server disconnect"));
        }
    }
}
