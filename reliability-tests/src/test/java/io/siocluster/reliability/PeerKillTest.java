package io.siocluster.reliability;

import io.siocluster.netty.CapturedLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.core.cluster.ClusterNamespace;
import io.siocluster.core.cluster.ClusterNode;
import io.siocluster.core.protocol.BroadcastOptions;
import io.siocluster.core.protocol.SocketDetails;
import io.siocluster.tck.cluster.FakeLocalSide;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * (b) {@code kill -9} of a peer: the second node runs in a JVM of its own ({@link PeerMain}) and is killed with
 * {@link Process#destroyForcibly()}, so it says no goodbye and its connections die with it. The survivor must
 * notice within its heartbeat bound, its requests must stop waiting for the dead peer, and the log must stay quiet.
 */
@DisplayName("reliability (b): kill -9 of a peer")
@ExtendWith(PostgresExtension.class)
class PeerKillTest {

    /** Silent for the heartbeat timeout (3 s), noticed at the next check (every heartbeat interval, 1 s), plus slack. */
    private static final Duration DETECTION_BOUND = TestCluster.HEARTBEAT_TIMEOUT.plus(TestCluster.HEARTBEAT_INTERVAL)
            .plusSeconds(1);
    private static final Duration REQUESTS_TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_LOG_PROBLEMS = 10;

    private final PostgresDatabase db;

    PeerKillTest(PostgresDatabase db) {
        this.db = db;
    }

    @Test
    @DisplayName("the survivor drops the killed peer within 5 s, its requests stop waiting for it, and the log stays quiet")
    void killedPeer() throws Exception {
        try (TestCluster cluster = new TestCluster(db, "peerkill")) {
            Process peer = startPeer(cluster);
            try {
                String peerUid = awaitReady(peer);
                ClusterNode survivor = cluster.node(cluster.transportOptions(db.jdbcUrl()),
                        cluster.clusterOptions().requestsTimeout(REQUESTS_TIMEOUT).build());
                ClusterNamespace nsp = survivor.namespace("/", new FakeLocalSide("survivor").addSocket("s1"));
                nsp.ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(10)).until(() -> nsp.peers().contains(peerUid));
                List<SocketDetails> before = nsp.fetchSockets(BroadcastOptions.ALL).toCompletableFuture().get(10, TimeUnit.SECONDS);
                List<@Nullable Object> answers = nsp.serverSideEmitWithAck(List.of("ping"), Duration.ofSeconds(10))
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(before).extracting(SocketDetails::id).containsExactlyInAnyOrder("s1", "p1");
                assertThat(answers).containsExactly("pong");

                try (CapturedLog log = new CapturedLog()) {
                    peer.destroyForcibly(); // SIGKILL: no ADAPTER_CLOSE, no clean socket close
                    long killedAt = System.nanoTime();
                    assertThat(peer.waitFor(10, TimeUnit.SECONDS)).isTrue();
                    // Requests started right after the kill wait for the dead peer only until it is known to be gone.
                    CompletableFuture<List<SocketDetails>> fetch = nsp.fetchSockets(BroadcastOptions.ALL).toCompletableFuture();
                    CompletableFuture<List<@Nullable Object>> emit = nsp.serverSideEmitWithAck(List.of("ping"), REQUESTS_TIMEOUT)
                            .toCompletableFuture();
                    await().atMost(DETECTION_BOUND.plusSeconds(5)).pollInterval(Duration.ofMillis(20))
                            .until(() -> !nsp.peers().contains(peerUid));
                    Duration detection = Duration.ofNanos(System.nanoTime() - killedAt);
                    List<SocketDetails> during = fetch.get(DETECTION_BOUND.toMillis() + 1_000, TimeUnit.MILLISECONDS);
                    Duration fetchDone = Duration.ofNanos(System.nanoTime() - killedAt);
                    Object emitOutcome = outcome(emit, DETECTION_BOUND.toMillis() + 1_000);
                    Duration emitDone = Duration.ofNanos(System.nanoTime() - killedAt);

                    long startedAfter = System.nanoTime();
                    List<SocketDetails> after = nsp.fetchSockets(BroadcastOptions.ALL).toCompletableFuture().get(1, TimeUnit.SECONDS);
                    Duration afterTook = Duration.ofNanos(System.nanoTime() - startedAfter);
                    Thread.sleep(TestCluster.HEARTBEAT_INTERVAL.toMillis() * 2); // let any late complaint reach the log
                    List<String> problems = log.problems();

                    System.out.printf("PeerKillTest: the killed peer was dropped after %d ms (bound %d ms); requests started"
                            + " at the kill: fetchSockets done after %d ms with %s, serverSideEmitWithAck after %d ms with %s;"
                            + " a fetchSockets after that took %d ms; %d WARN/ERROR/stack lines, %d log lines in all%n",
                            detection.toMillis(), DETECTION_BOUND.toMillis(), fetchDone.toMillis(),
                            during.stream().map(SocketDetails::id).toList(), emitDone.toMillis(), emitOutcome,
                            afterTook.toMillis(), problems.size(), log.lines().size());
                    problems.forEach(line -> System.out.println("  | " + line));
                    assertThat(detection).isLessThan(DETECTION_BOUND);
                    assertThat(during).extracting(SocketDetails::id).containsExactly("s1");
                    assertThat(fetchDone).as("not the 20 s requests timeout").isLessThan(DETECTION_BOUND.plusSeconds(1));
                    assertThat(emitDone).as("not the 20 s requests timeout").isLessThan(DETECTION_BOUND.plusSeconds(1));
                    assertThat(after).extracting(SocketDetails::id).containsExactly("s1");
                    assertThat(afterTook).as("nobody waits for a peer known to be gone").isLessThan(Duration.ofMillis(500));
                    assertThat(problems).as("no exception storm").hasSizeLessThanOrEqualTo(MAX_LOG_PROBLEMS)
                            .noneMatch(line -> line.startsWith("\tat "));
                }
            } finally {
                peer.destroyForcibly();
                peer.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The value, or the failure's class and message: what a caller of a request after the kill gets. */
    private static Object outcome(CompletableFuture<?> stage, long waitMillis) throws InterruptedException {
        try {
            return stage.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the request still waited " + waitMillis + " ms after the kill", e);
        }
    }

    private Process startPeer(TestCluster cluster) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                PeerMain.class.getName(), db.jdbcUrl(), cluster.table(), cluster.prefix(),
                Long.toString(TestCluster.HEARTBEAT_INTERVAL.toMillis()), Long.toString(TestCluster.HEARTBEAT_TIMEOUT.toMillis()));
        builder.redirectErrorStream(false);
        builder.redirectError(ProcessBuilder.Redirect.INHERIT); // its log lines show in the build's output
        return builder.start();
    }

    /** The peer's uid, from its {@code READY} line, within 30 s. */
    private static String awaitReady(Process peer) throws Exception {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("READY ")) {
                        ready.complete(line.substring("READY ".length()).trim());
                    }
                }
                ready.completeExceptionally(new IllegalStateException("the peer exited before it was ready"));
            } catch (Exception e) {
                ready.completeExceptionally(e);
            }
        }, "tck-peer-stdout");
        reader.setDaemon(true);
        reader.start();
        return ready.get(30, TimeUnit.SECONDS);
    }
}
