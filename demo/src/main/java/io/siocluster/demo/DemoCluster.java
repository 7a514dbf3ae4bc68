package io.siocluster.demo;

import io.siocluster.embeddedpostgres.EmbeddedPostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The demo: starts several clustered netty-socketio chat nodes on one PostgreSQL (embedded unless a URL is
 * given), serves a chat page, and lets console bots, one per node, chat across the cluster so the
 * cross-node traffic is visible without a browser.
 *
 * <pre>
 * mvn -B -q install -DskipTests
 * mvn -B -q -pl demo exec:java -Dexec.args="--duration=PT20S"
 * </pre>
 */
public final class DemoCluster {

    private DemoCluster() {
    }

    public static void main(String[] args) throws Exception {
        DemoSettings settings = DemoSettings.parse(args);
        List<AutoCloseable> resources = new ArrayList<>();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "demo-shutdown"));
        try {
            String url = settings.jdbcUrl();
            if (url == null) {
                System.out.println("No --url or SIO_PG_URL given: starting an embedded PostgreSQL...");
                EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start();
                resources.add(embedded);
                url = embedded.jdbcUrl();
            }
            List<Integer> ports = new ArrayList<>();
            List<ChatNode> nodes = new ArrayList<>();
            for (int i = 1; i <= settings.nodes(); i++) {
                int port = settings.firstPort() + i - 1;
                ChatNode node = new ChatNode(i, port, url);
                resources.add(0, node);
                nodes.add(node);
                ports.add(port);
            }
            resources.add(0, new ChatPage(settings.httpPort(), ports));
            System.out.printf("%d chat nodes on ports %s over %s%n", nodes.size(), ports, redact(url));
            System.out.printf("Chat page: http://127.0.0.1:%d/?node=1 (and ?node=2 ... in other tabs)%n",
                    settings.httpPort());

            List<ChatBot> bots = new ArrayList<>();
            if (settings.bots()) {
                for (ChatNode node : nodes) {
                    ChatBot bot = new ChatBot("bot-" + node.index(), node.index(), ports.get(node.index() - 1), "lobby");
                    resources.add(0, bot);
                    bots.add(bot);
                }
            }
            long deadline = settings.duration() == null ? Long.MAX_VALUE
                    : System.nanoTime() + settings.duration().toNanos();
            int round = 0;
            while (System.nanoTime() < deadline) {
                if (!bots.isEmpty()) {
                    ChatBot speaker = bots.get(round % bots.size());
                    speaker.say("message " + round + " from " + "node " + (round % bots.size() + 1));
                    round++;
                }
                long waitNanos = Math.min(TimeUnit.SECONDS.toNanos(3), deadline - System.nanoTime());
                if (waitNanos > 0 && stop.await(waitNanos, TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
        } finally {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.err.println("while stopping: " + e);
                }
            }
        }
        System.out.println("Demo stopped.");
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=REDACTED");
    }
}
