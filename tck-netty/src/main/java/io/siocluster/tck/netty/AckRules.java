package io.siocluster.tck.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.core.cluster.ClusterTimeoutException;
import io.siocluster.netty.RemoteSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules N9-N14: broadcasts with acknowledgements, and a single socket's acknowledgement. */
public abstract class AckRules extends ClusterRules {

    @Test
    @DisplayName("N9 emitWithAck collects one acknowledgement from every client of every server")
    void multipleAcks() {
        String ns = cluster().newNamespace();
        List<TestClient> clients = List.of(connect(0, ns), connect(1, ns), connect(2, ns), connect(2, ns));
        for (TestClient client : clients) {
            client.answer("ping", args -> "pong-" + client.id());
        }

        List<Object> acks = join("N9", server(0).of(ns).timeout(Duration.ofSeconds(5)).emitWithAck("ping"));

        assertThat(acks).as("N9 one acknowledgement per client, each client's own")
                .containsExactlyInAnyOrderElementsOf(clients.stream().map(c -> (Object) ("pong-" + c.id())).toList());
    }

    @Test
    @DisplayName("N10 acknowledgements with binary content arrive as binary")
    void binaryAcks() {
        String ns = cluster().newNamespace();
        byte[] bytes = {1, 2, 3};
        byte[] large = new byte[300];
        new java.util.Random(10).nextBytes(large);
        List<TestClient> clients = List.of(connect(0, ns), connect(1, ns),
                cluster().connect(server(2), ns, new TestClient.Options().polling()));
        for (TestClient client : clients) {
            client.answer("bin-ack", args -> bytes);
        }
        connect(2, ns).answer("bin-ack", args -> large);

        List<Object> acks = join("N10", server(1).of(ns).timeout(Duration.ofSeconds(5)).emitWithAck("bin-ack"));

        assertThat(acks).as("N10 one acknowledgement per client (websocket and polling), each the client's binary")
                .hasSize(4)
                .filteredOn(ack -> ack instanceof byte[] b && b.length == bytes.length)
                .hasSize(3)
                .allSatisfy(ack -> assertThat(ack).isEqualTo(bytes));
        assertThat(acks).as("N10 a 300-byte binary acknowledgement arrives intact")
                .anySatisfy(ack -> assertThat(ack).isEqualTo(large));
    }

    @Test
    @DisplayName("N11 emitWithAck with no matching client completes at once with no acknowledgement")
    void noClient() {
        String ns = cluster().newNamespace();
        connect(1, ns);
        long start = System.nanoTime();

        List<Object> acks = join("N11", server(0).of(ns).to("empty-room").timeout(Duration.ofSeconds(10)).emitWithAck("anyone"));

        assertThat(acks).as("N11 no acknowledgement").isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("N11 completes once every server reported no client,"
                + " long before the timeout").isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("N12 emitWithAck fails after its timeout with the acknowledgements that did arrive")
    void timeoutWithPartialAcks() {
        String ns = cluster().newNamespace();
        TestClient answers0 = connect(0, ns).answer("slow", args -> "a");
        TestClient answers1 = connect(1, ns).answer("slow", args -> "b");
        TestClient silent = connect(2, ns); // receives the event, never acknowledges

        Throwable failure = failure("N12", server(0).of(ns).timeout(Duration.ofSeconds(1)).emitWithAck("slow"));

        assertThat(failure).as("N12 fails with ClusterTimeoutException").isInstanceOf(ClusterTimeoutException.class);
        ClusterTimeoutException timeout = (ClusterTimeoutException) failure;
        assertThat(timeout.partialResults()).as("N12 the answers that came are kept").containsExactlyInAnyOrder("a", "b");
        assertThat(timeout.missing()).as("N12 one answer is missing").isEqualTo(1);
        assertThat(silent.received("slow")).as("N12 the silent client did receive the event").hasSize(1);
        assertThat(List.of(answers0, answers1)).allSatisfy(c -> assertThat(c.received("slow")).hasSize(1));
    }

    @Test
    @DisplayName("N13 a fetched socket on the same server answers emitWithAck with its single acknowledgement")
    void singleAckLocal() {
        String ns = cluster().newNamespace();
        TestClient client = connect(0, ns).answer("hi", args -> List.of("hello", args.get(0)));

        RemoteSocket socket = onlySocket("N13", ns, client);
        Object ack = join("N13", socket.timeout(Duration.ofSeconds(5)).emitWithAck("hi", "you"));

        assertThat(ack).as("N13 the client's acknowledgement").isEqualTo(List.of("hello", "you"));
    }

    @Test
    @DisplayName("N14 a fetched socket on another server answers emitWithAck with its single acknowledgement")
    void singleAckRemote() {
        String ns = cluster().newNamespace();
        TestClient client = connect(2, ns).answer("hi", args -> "remote " + args.get(0));
        connect(0, ns).answer("hi", args -> "wrong socket");

        RemoteSocket socket = onlySocket("N14", ns, client);
        Object ack = join("N14", socket.timeout(Duration.ofSeconds(5)).emitWithAck("hi", "there"));

        assertThat(ack).as("N14 the remote client's acknowledgement").isEqualTo("remote there");
    }

    private RemoteSocket onlySocket(String rule, String ns, TestClient client) {
        List<RemoteSocket> sockets = join(rule, server(0).of(ns).in(client.id()).fetchSockets());
        assertThat(sockets).as(rule + " fetchSockets in(socket id) finds the socket").hasSize(1);
        return sockets.get(0);
    }
}
