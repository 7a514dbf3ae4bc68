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
public final class DemoCluster implements AutoCloseable {

    /** Everything started, newest first, so closing runs in reverse order of starting. */
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<Integer> nodePorts = new ArrayList<>();
    private final List<ChatBot> bots = new ArrayList<>();
    private String jdbcUrl = "";
    private int pagePort;

    private DemoCluster() {
    }

    /** Starts the database (unless given), the nodes, the page and the bots; on failure stops what started. */
    static DemoCluster start(DemoSettings settings) throws Exception {
        DemoCluster cluster = new DemoCluster();
        try {
            cluster.startAll(settings);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll(DemoSettings settings) throws Exception {
        String url = settings.jdbcUrl();
        if (url == null) {
            System.out.println("No --url or SIO_PG_URL given: starting an embedded PostgreSQL...");
            EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start();
            resources.add(0, embedded);
            url = embedded.jdbcUrl();
        }
        jdbcUrl = url;
        List<ChatNode> nodes = new ArrayList<>();
        for (int i = 1; i <= settings.nodes(); i++) {
            int port = settings.firstPort() + i - 1;
            ChatNode node = new ChatNode(i, port, url);
            resources.add(0, node);
            nodes.add(node);
            nodePorts.add(port);
        }
        ChatPage page = new ChatPage(settings.httpPort(), nodePorts);
        resources.add(0, page);
        pagePort = page.port();
        if (settings.bots()) {
            for (ChatNode node : nodes) {
                ChatBot bot = new ChatBot("bot-" + node.index(), node.index(), nodePorts.get(node.index() - 1), "lobby");
                resources.add(0, bot);
                bots.add(bot);
            }
        }
    }

    /** The chat page's URL for node {@code node} (1-based). */
    String pageUrl(int node) {
        return "http://127.0.0.1:" + pagePort + "/?node=" + node;
    }

    public static void main(String[] args) throws Exception {
        DemoSettings settings = DemoSettings.parse(args);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "demo-shutdown"));
        try (DemoCluster cluster = start(settings)) {
            System.out.printf("%d chat nodes on ports %s over %s%n", cluster.nodePorts.size(), cluster.nodePorts,
                    redact(cluster.jdbcUrl));
            System.out.printf("Chat page: %s (and ?node=2 ... in other tabs; works offline)%n", cluster.pageUrl(1));
            cluster.chatUntil(settings, stop);
        }
        System.out.println("Demo stopped.");
    }

    /** The bots take turns saying something every 3 seconds until the duration ends or {@code stop} opens. */
    private void chatUntil(DemoSettings settings, CountDownLatch stop) throws InterruptedException {
        long deadline = settings.duration() == null ? Long.MAX_VALUE : System.nanoTime() + settings.duration().toNanos();
        int round = 0;
        while (System.nanoTime() < deadline) {
            if (!bots.isEmpty()) {
                bots.get(round % bots.size()).say("message " + round + " from node " + (round % bots.size() + 1));
                round++;
            }
            long waitNanos = Math.min(TimeUnit.SECONDS.toNanos(3), deadline - System.nanoTime());
            if (waitNanos > 0 && stop.await(waitNanos, TimeUnit.NANOSECONDS)) {
                break;
            }
        }
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
        resources.clear();
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=REDACTED");
    }
}
