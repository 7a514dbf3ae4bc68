package io.siocluster.tck.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.tck.TckTimeouts;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules N38-N39: stopping a server says goodbye to the cluster and releases every thread it started. */
public abstract class StopRules extends ClusterRules {

    /** Threads the transport shares JVM-wide; see {@link NettyClusterKit#isSharedThread(Thread)}. */
    protected abstract boolean isSharedThread(Thread thread);

    @Test
    @DisplayName("N38 stopping a server tells the others at once (ADAPTER_CLOSE), not after the heartbeat timeout")
    void goodbye() {
        ServerNode leaving = cluster().startExtraNode();
        String ns = cluster().newNamespace();
        assertThat(join("N38", server(0).of(ns).serverCount())).as("N38 four servers before").isEqualTo(4);

        leaving.stop();

        Duration bound = cluster().clusterOptions().heartbeatTimeout().dividedBy(4);
        await("N38 the others count three servers within " + bound + " of the stop").atMost(bound)
                .until(() -> join("N38", server(0).of(ns).serverCount()) == 3
                        && join("N38", server(2).of(ns).serverCount()) == 3);
    }

    @Test
    @DisplayName("N39 a stopped server leaves no thread of its own behind (Netty, cluster, transport)")
    void noThreadLeft() {
        Set<Thread> before = liveThreads();
        ServerNode node = cluster().startExtraNode();
        String ns = cluster().newNamespace();
        TestClient client = cluster().connect(node, ns);
        join("N39", node.of(ns).emit("hello"));
        awaitReceived("N39", client, "hello", 1);
        client.close();

        node.stop();

        await("N39 every thread the server started ends").atMost(TckTimeouts.delivery())
                .pollInterval(Duration.ofMillis(200))
                .until(() -> leaked(before).isEmpty());
        assertThat(leaked(before)).as("N39 threads left running").isEmpty();
    }

    private Set<String> leaked(Set<Thread> before) {
        return liveThreads().stream()
                .filter(thread -> !before.contains(thread))
                .filter(thread -> !isJvmOrClientThread(thread) && !isSharedThread(thread))
                .map(thread -> thread.getName() + (thread.isDaemon() ? " (daemon)" : ""))
                .collect(Collectors.toSet());
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    /** Threads of the JVM, the test framework and the Socket.IO client library, which no server owns. */
    private static boolean isJvmOrClientThread(Thread thread) {
        String name = thread.getName();
        return name.startsWith("ForkJoinPool") || name.startsWith("junit") || name.startsWith("surefire")
                || name.equals("Attach Listener") || name.startsWith("awaitility") || name.startsWith("tck-")
                || name.startsWith("OkHttp") || name.equals("EventThread") || name.startsWith("globalEventExecutor")
                || name.equals("ObjectCleanerThread") || name.equals("CompletableFutureDelayScheduler")
                || name.equals("process reaper") || name.startsWith("Okio");
    }
}
