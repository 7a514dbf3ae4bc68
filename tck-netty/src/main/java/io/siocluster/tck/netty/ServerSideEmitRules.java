package io.siocluster.tck.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterTimeoutException;
import io.siocluster.tck.TckTimeouts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules N27-N31: serverSideEmit between the servers, with and without answers, and serverCount. */
public abstract class ServerSideEmitRules extends ClusterRules {

    @Test
    @DisplayName("N27 serverSideEmit reaches every other server's handler, and not the sender's")
    void toOthersNotSelf() {
        String ns = cluster().newNamespace();
        Map<String, List<List<Object>>> received = new ConcurrentHashMap<>();
        for (ServerNode node : cluster().nodes()) {
            node.of(ns).onServerSideEmit("hello", (args, ack) ->
                    received.computeIfAbsent(node.name(), n -> new CopyOnWriteArrayList<>()).add(List.copyOf(args)));
            node.of(ns).onServerSideEmit("marker", (args, ack) ->
                    received.computeIfAbsent(node.name() + "/marker", n -> new CopyOnWriteArrayList<>()).add(List.of()));
        }

        join("N27", server(0).of(ns).serverSideEmit("hello", "world", 1));

        for (ServerNode other : List.of(server(1), server(2))) {
            await("N27 " + other + " receives the event").atMost(TckTimeouts.delivery())
                    .until(() -> received.containsKey(other.name()));
            assertThat(received.get(other.name())).as("N27 %s receives it once, arguments intact", other)
                    .containsExactly(List.of("world", 1));
        }
        join("N27", server(1).of(ns).serverSideEmit("marker"));
        await("N27 the sender hears the others").atMost(TckTimeouts.delivery())
                .until(() -> received.containsKey(server(0).name() + "/marker"));
        assertThat(received).as("N27 the sender's own handler is not called").doesNotContainKey(server(0).name());
    }

    @Test
    @DisplayName("N28 serverSideEmitWithAck collects one answer from every other server")
    void withResponses() {
        String ns = cluster().newNamespace();
        for (ServerNode node : cluster().nodes()) {
            node.of(ns).onServerSideEmit("who", (args, ack) -> ack.send(node.name() + ":" + args.get(0)));
        }

        List<Object> answers = join("N28", server(0).of(ns).timeout(Duration.ofSeconds(5)).serverSideEmitWithAck("who", "asks"));

        assertThat(answers).as("N28 one answer from each other server")
                .containsExactlyInAnyOrder(server(1).name() + ":asks", server(2).name() + ":asks");
    }

    @Test
    @DisplayName("N29 serverSideEmitWithAck fails after its timeout, with the answers that came, when a server does not answer")
    void timeoutWhenOneDoesNotAnswer() {
        String ns = cluster().newNamespace();
        server(1).of(ns).onServerSideEmit("q", (args, ack) -> ack.send("from 1"));
        server(2).of(ns).onServerSideEmit("q", (args, ack) -> {
            // hears the question, never answers
        });

        Throwable failure = failure("N29", server(0).of(ns).timeout(Duration.ofSeconds(1)).serverSideEmitWithAck("q"));

        assertThat(failure).as("N29 fails with ClusterTimeoutException").isInstanceOf(ClusterTimeoutException.class);
        assertThat(((ClusterTimeoutException) failure).partialResults()).as("N29 the answer that came is kept")
                .containsExactly("from 1");
    }

    @Test
    @DisplayName("N30 serverSideEmitWithAck completes with the others' answers when a server leaves meanwhile")
    void serverLeavesMeanwhile() {
        ServerNode leaving = cluster().startExtraNode();
        String ns = cluster().newNamespace();
        server(1).of(ns).onServerSideEmit("q", (args, ack) -> ack.send("one"));
        server(2).of(ns).onServerSideEmit("q", (args, ack) -> ack.send("two"));
        leaving.of(ns).onServerSideEmit("q", (args, ack) -> {
            Thread stopper = new Thread(leaving::stop, "tck-stop-leaving");
            stopper.start(); // leaves instead of answering
        });
        Duration timeout = Duration.ofSeconds(30);
        long start = System.nanoTime();

        List<Object> answers = join("N30", server(0).of(ns).timeout(timeout).serverSideEmitWithAck("q"));

        assertThat(answers).as("N30 the answers of the servers that stayed").containsExactlyInAnyOrder("one", "two");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("N30 completes when the server leaves, not at the timeout")
                .isLessThan(timeout.minusSeconds(10));
    }

    @Test
    @DisplayName("N31 serverCount counts every server of the namespace")
    void serverCount() {
        String ns = cluster().newNamespace();

        for (ServerNode node : cluster().nodes()) {
            assertThat(join("N31", node.of(ns).serverCount())).as("N31 %s counts three servers", node).isEqualTo(3);
        }
    }
}
