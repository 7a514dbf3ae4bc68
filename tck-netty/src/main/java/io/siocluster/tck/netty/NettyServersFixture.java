package io.siocluster.tck.netty;

import io.siocluster.core.cluster.ClusterOptions;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.TckTimeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Three clustered netty-socketio servers, started once per kit class, and the Socket.IO clients of the tests.
 * Each test works in namespaces of its own, so tests never see each other's sockets; channels carry a prefix
 * of this fixture's own, so runs sharing one bus (one PostgreSQL server) never meet.
 */
public final class NettyServersFixture implements AutoCloseable {

    /** How long requests wait for peers unless a rule sets a timeout; short, so a rule that fails, fails fast. */
    static final Duration REQUESTS_TIMEOUT = Duration.ofSeconds(3);

    private final TransportOptions transportOptions;
    private final ClusterOptions clusterOptions;
    private final List<ServerNode> nodes = new ArrayList<>();
    private final List<ServerNode> extraNodes = new CopyOnWriteArrayList<>();
    private final List<TestClient> clients = new CopyOnWriteArrayList<>();
    private final OkHttpClient http;
    private final AtomicInteger namespaceCounter = new AtomicInteger();
    private final AtomicInteger nodeCounter = new AtomicInteger();

    NettyServersFixture(TransportOptions transportOptions) {
        // Every server is 127.0.0.1: OkHttp's default of 5 requests per host would queue new clients behind
        // the long-polling requests of others.
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(512);
        dispatcher.setMaxRequestsPerHost(512);
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .readTimeout(1, TimeUnit.MINUTES)
                .writeTimeout(1, TimeUnit.MINUTES)
                .build();
        this.transportOptions = transportOptions;
        this.clusterOptions = ClusterOptions.builder()
                .channelPrefix("tck" + UUID.randomUUID().toString().substring(0, 6))
                .requestsTimeout(REQUESTS_TIMEOUT)
                .build();
    }

    static NettyServersFixture start(TransportOptions transportOptions) {
        NettyServersFixture fixture = new NettyServersFixture(transportOptions);
        try {
            for (int i = 0; i < 3; i++) {
                fixture.nodes.add(fixture.newNode());
            }
            return fixture;
        } catch (RuntimeException e) {
            fixture.close();
            throw e;
        }
    }

    private ServerNode newNode() {
        ServerNode node = new ServerNode("server-" + nodeCounter.incrementAndGet(), transportOptions, clusterOptions);
        node.start();
        return node;
    }

    /** The three servers every rule uses. */
    public List<ServerNode> nodes() {
        return List.copyOf(nodes);
    }

    public ServerNode node(int index) {
        return nodes.get(index);
    }

    /** One more server for a rule that stops one; stopped after the rule at the latest. */
    public ServerNode startExtraNode() {
        ServerNode node = newNode();
        extraNodes.add(node);
        return node;
    }

    public ClusterOptions clusterOptions() {
        return clusterOptions;
    }

    /**
     * A namespace no other rule uses, such as {@code /t12}, open in netty-socketio and in the cluster on every
     * running server, once every server has heard from the others in it.
     */
    public String newNamespace() {
        String name = "/t" + namespaceCounter.incrementAndGet();
        List<ServerNode> running = new ArrayList<>(nodes);
        running.addAll(extraNodes.stream().filter(ServerNode::isRunning).toList());
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (ServerNode node : running) {
            node.server().addNamespace(name);
            ready.add(node.of(name).ready().toCompletableFuture());
        }
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new))
                .orTimeout(TckTimeouts.delivery().toMillis(), TimeUnit.MILLISECONDS).join();
        return name;
    }

    /** A websocket client of {@code node} in {@code namespace}; closed after the rule. */
    public TestClient connect(ServerNode node, String namespace) {
        return connect(node, namespace, new TestClient.Options());
    }

    public TestClient connect(ServerNode node, String namespace, TestClient.Options options) {
        TestClient client = TestClient.connect(node, namespace, options, http);
        clients.add(client);
        return client;
    }

    /** Closes the rule's clients and stops its extra servers. */
    void afterRule() {
        for (TestClient client : clients) {
            client.close();
        }
        clients.clear();
        for (ServerNode node : extraNodes) {
            node.stop();
        }
        extraNodes.clear();
    }

    @Override
    public void close() {
        afterRule();
        List<Thread> stopping = new ArrayList<>();
        for (ServerNode node : nodes) {
            Thread thread = new Thread(node::stop, "tck-stop-" + node.name());
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
