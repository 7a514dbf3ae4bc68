package io.siocluster.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.demo.ChatBrowser.Message;
import io.siocluster.demo.ChatBrowser.OnlineUser;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo as a person uses it: the demo cluster (three nodes and their bots, on {@code SIO_PG_URL} or an
 * embedded PostgreSQL), and two headless Chromium pages on two different nodes that join one room and talk.
 * Screenshots of both pages are written to {@code target/browser-chat/}.
 */
@ExtendWith(PostgresExtension.class)
class BrowserChatTest {

    /** Generous: two browsers, three nodes and PostgreSQL share a 2-core machine with other builds. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "browser-chat");

    @Test
    @DisplayName("two pages on two nodes join one room, see each other's messages and both users online")
    void twoPagesOnTwoNodesChat(PostgresDatabase db) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.installedOrSkip();
        DemoSettings settings = new DemoSettings(db.jdbcUrl(), 3, freeConsecutivePorts(3), 0, null, true);
        try (DemoCluster cluster = DemoCluster.start(settings);
                ChatBrowser ada = chromium.start();
                ChatBrowser grace = chromium.start()) {
            try {
                ada.open(cluster.pageUrl(1) + "&name=ada");
                grace.open(cluster.pageUrl(2) + "&name=grace");
                await().atMost(PATIENCE).untilAsserted(() -> {
                    assertThat(ada.status()).isEqualTo("connected");
                    assertThat(grace.status()).isEqualTo("connected");
                });

                ada.joinRoom("java");
                grace.joinRoom("java");
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(ada.online()).contains(
                        new OnlineUser("ada", "node 1", "#java"), new OnlineUser("grace", "node 2", "#java")));

                ada.say("Hello from node 1!");
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(grace.messages())
                        .contains(new Message("ada", "node 1", "Hello from node 1!")));
                grace.say("Hi Ada, node 2 here: your message came through PostgreSQL.");
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(ada.messages())
                        .contains(new Message("grace", "node 2", "Hi Ada, node 2 here: your message came through PostgreSQL.")));

                assertThat(ada.roomTitle()).isEqualTo("#java");
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(grace.online())
                        .contains(new OnlineUser("ada", "node 1", "#java"), new OnlineUser("grace", "node 2", "#java"),
                                new OnlineUser("bot-3", "node 3", "#lobby")));
                // Script errors, a refused script (integrity, Content-Security-Policy) or a failed load show here.
                assertThat(ada.console()).noneMatch(line -> line.startsWith("SEVERE"));
                assertThat(grace.console()).noneMatch(line -> line.startsWith("SEVERE"));
            } finally {
                ada.screenshot(SCREENSHOTS.resolve("chat-node-1.png"));
                grace.screenshot(SCREENSHOTS.resolve("chat-node-2.png"));
            }
        }
    }

    /** The first of {@code count} consecutive free ports (the demo numbers its nodes' ports from one). */
    private static int freeConsecutivePorts(int count) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new IOException("found no " + count + " consecutive free ports");
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
