package io.siocluster.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.listener.DefaultExceptionListener;
import com.corundumstudio.socketio.listener.ExceptionListener;
import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.netty.internal.ThrottledExceptionListener;
import io.socket.client.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SocketIOCluster.attach gives a server Node's defaults")
class ServerDefaultsTest {

    @Test
    @DisplayName("websocket compression off, 1,000,000-byte limits, one worker loop per core, the throttled exception "
            + "listener; said in one INFO line")
    void defaults() {
        Configuration config = new Configuration();
        InMemoryBus bus = InMemoryBus.create();

        try (CapturedLog log = new CapturedLog()) {
            SocketIOCluster.attach(config, bus::newTransport);

            assertThat(log.lines()).filteredOn(line -> line.contains("ServerDefaults")).singleElement()
                    .satisfies(line -> assertThat(line).contains("INFO", "websocket compression off",
                            "setWebsocketCompression(true)", "maxFramePayloadLength 1000000",
                            "workerThreads " + Runtime.getRuntime().availableProcessors()));
        }
        assertThat(config.getWorkerThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.isWebsocketCompression()).isFalse();
        assertThat(config.getMaxFramePayloadLength()).isEqualTo(1_000_000);
        assertThat(config.getMaxHttpContentLength()).isEqualTo(1_000_000);
        assertThat(config.getExceptionListener()).isInstanceOf(ThrottledExceptionListener.class);
    }

    @Test
    @DisplayName("limits and an exception listener the user set are kept, and any setting can be changed after attach")
    void userChoicesKept() {
        Configuration config = new Configuration();
        config.setMaxFramePayloadLength(2_000_000);
        config.setMaxHttpContentLength(10_000);
        ExceptionListener mine = new DefaultExceptionListener() {
        };
        config.setExceptionListener(mine);
        config.setWorkerThreads(7);

        SocketIOCluster.attach(config, InMemoryBus.create()::newTransport);
        config.setWebsocketCompression(true);

        assertThat(config.getMaxFramePayloadLength()).isEqualTo(2_000_000);
        assertThat(config.getMaxHttpContentLength()).isEqualTo(10_000);
        assertThat(config.getExceptionListener()).isSameAs(mine);
        assertThat(config.getWorkerThreads()).isEqualTo(7);
        assertThat(new SocketIOServer(config).getConfiguration().isWebsocketCompression()).isTrue();
    }

    @Test
    @DisplayName("Netty's recycler is turned off when nobody chose its size, and a size given with -D is kept")
    void recyclerProperty() {
        String property = "io.netty.recycler.maxCapacityPerThread";
        String before = System.getProperty(property);
        try {
            System.clearProperty(property);
            try (CapturedLog log = new CapturedLog()) {
                SocketIOCluster.attach(new Configuration(), InMemoryBus.create()::newTransport);
                assertThat(log.lines()).filteredOn(line -> line.contains("ServerDefaults")).singleElement()
                        .satisfies(line -> assertThat(line).contains("Netty's object recycler off", property + "=4096"));
            }
            assertThat(System.getProperty(property)).isEqualTo("0");

            System.setProperty(property, "77");
            SocketIOCluster.attach(new Configuration(), InMemoryBus.create()::newTransport);
            assertThat(System.getProperty(property)).isEqualTo("77");
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    @Test
    @DisplayName("a 900 kB event from a client arrives, over websocket and polling, and reaches the clients of another node")
    void largeEvent() {
        InMemoryBus bus = InMemoryBus.create();
        SocketIOServer first = TestServers.clustered(bus, ClusterOptions.defaults());
        SocketIOServer second = TestServers.clustered(bus, ClusterOptions.defaults());
        first.addEventListener("big", String.class, (client, data, ack) -> first.getBroadcastOperations().sendEvent("big", data));
        List<Socket> sockets = new CopyOnWriteArrayList<>();
        try {
            first.start();
            second.start();
            Socket receiver = TestServers.client(second, "");
            sockets.add(receiver);
            List<Integer> sizes = new CopyOnWriteArrayList<>();
            receiver.on("big", args -> sizes.add(((String) args[0]).length()));
            String payload = "x".repeat(900_000);

            for (String transport : List.of("websocket", "polling")) {
                Socket sender = TestServers.client(first, "", transport);
                sockets.add(sender);
                sender.emit("big", payload);
            }

            await().atMost(Duration.ofSeconds(15)).until(() -> sizes.size() == 2);
            assertThat(sizes).containsOnly(900_000);
        } finally {
            sockets.forEach(Socket::close);
            first.stop();
            second.stop();
        }
    }
}
