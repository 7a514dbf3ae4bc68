package io.siocluster.tck.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.tck.Stages;
import io.siocluster.tck.TckTimeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Sends the {@link MixedMessages} as fast as the sender takes them, then a marker to every socket; once the
 * marker is everywhere (each sender's order puts it last), every socket must hold exactly the mixed messages
 * meant for it, each once, in order, intact.
 */
final class RoutingCheck {

    private RoutingCheck() {
    }

    static void assertRouted(String rule, List<TestNode> nodes, Predicate<String> meantFor,
            IntFunction<CompletionStage<Void>> send, Supplier<CompletionStage<Void>> marker) {
        List<CompletionStage<Void>> sent = new ArrayList<>();
        for (int seq = 0; seq < MixedMessages.COUNT; seq++) {
            sent.add(send.apply(seq));
        }
        sent.forEach(Stages::join);
        Stages.join(marker.get());
        for (TestNode node : nodes) {
            for (String socket : node.local().socketIds()) {
                await(rule + ": the marker sent after the messages reaches socket " + socket)
                        .atMost(TckTimeouts.delivery()).pollInterval(Duration.ofMillis(20))
                        .until(() -> MixedMessages.contains(node.local().received(socket), "marker"));
            }
        }
        int reached = 0;
        for (TestNode node : nodes) {
            for (String socket : node.local().socketIds()) {
                List<String> seen = MixedMessages.seen(node.local().received(socket));
                if (meantFor.test(socket)) {
                    reached++;
                    assertThat(seen).as(rule + ": socket %s receives every message once, in the sender's order, intact",
                            socket).containsExactlyElementsOf(MixedMessages.expected());
                } else {
                    assertThat(seen).as(rule + ": socket %s does not match and receives nothing", socket).isEmpty();
                }
            }
        }
        assertThat(reached).as(rule + ": the case targets some sockets").isPositive();
    }

    /** The standard sockets ({@link ClusterNodesFixture#start}) by their suffix. */
    static boolean suffixIn(String socket, String... suffixes) {
        for (String suffix : suffixes) {
            if (socket.endsWith("-" + suffix)) {
                return true;
            }
        }
        return false;
    }
}
