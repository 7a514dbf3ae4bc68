package io.siocluster.tck.netty;

import static org.awaitility.Awaitility.await;

import io.siocluster.tck.TckTimeouts;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.json.JSONArray;
import org.json.JSONObject;
import org.jspecify.annotations.Nullable;

/**
 * A real Socket.IO client ({@code io.socket:socket.io-client}, Engine.IO 4) that records what it receives,
 * with JSON turned into plain maps and lists and binary kept as {@code byte[]}.
 */
public final class TestClient implements AutoCloseable {

    private final Socket socket;
    private final String transport;
    private final ServerNode server;
    private final Map<String, List<List<@Nullable Object>>> received = new ConcurrentHashMap<>();
    private final List<String> disconnects = new CopyOnWriteArrayList<>();
    private volatile @Nullable String id;

    private TestClient(Socket socket, String transport, ServerNode server) {
        this.socket = socket;
        this.transport = transport;
        this.server = server;
        socket.on(Socket.EVENT_DISCONNECT, args -> disconnects.add(args.length > 0 ? String.valueOf(args[0]) : ""));
        socket.onAnyIncoming(args -> {
            if (args.length > 0 && args[0] instanceof String event) {
                List<@Nullable Object> values = new ArrayList<>();
                for (int i = 1; i < args.length; i++) {
                    if (!(args[i] instanceof Ack)) {
                        values.add(plain(args[i]));
                    }
                }
                received.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(values);
            }
        });
    }

    /** How a client connects: transport, auth payload, query string, extra headers. */
    public static final class Options {
        String transport = "websocket";
        Map<String, String> auth = Map.of();
        @Nullable String query;
        Map<String, List<String>> headers = Map.of();

        public Options polling() {
            this.transport = "polling";
            return this;
        }

        public Options auth(Map<String, String> auth) {
            this.auth = auth;
            return this;
        }

        public Options query(String query) {
            this.query = query;
            return this;
        }

        public Options header(String name, String value) {
            Map<String, List<String>> copy = new LinkedHashMap<>(headers);
            copy.put(name, List.of(value));
            this.headers = copy;
            return this;
        }
    }

    static TestClient connect(ServerNode server, String namespace, Options options, OkHttpClient http) {
        IO.Options io = IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(new String[] {options.transport})
                .setUpgrade(false)
                .setAuth(options.auth)
                .setExtraHeaders(options.headers)
                .setQuery(options.query)
                .setTimeout(TckTimeouts.delivery().toMillis())
                .build();
        io.callFactory = http;
        io.webSocketFactory = http;
        Socket socket = IO.socket(URI.create(server.url(namespace)), io);
        TestClient client = new TestClient(socket, options.transport, server);
        socket.connect();
        await("a client of " + server + " connects to " + namespace + " over " + options.transport)
                .atMost(TckTimeouts.delivery()).until(socket::connected);
        client.id = socket.id();
        return client;
    }

    /** The socket id the server gave (its netty-socketio session id). */
    public String id() {
        String known = id;
        if (known == null) {
            throw new IllegalStateException("not connected");
        }
        return known;
    }

    public ServerNode server() {
        return server;
    }

    public String transport() {
        return transport;
    }

    /** Answers {@code event} with {@code answer(args)} when the server asks for an acknowledgement. */
    public TestClient answer(String event, Function<List<@Nullable Object>, @Nullable Object> answer) {
        socket.on(event, args -> {
            if (args.length > 0 && args[args.length - 1] instanceof Ack ack) {
                List<@Nullable Object> values = new ArrayList<>();
                for (int i = 0; i < args.length - 1; i++) {
                    values.add(plain(args[i]));
                }
                Object reply = answer.apply(values);
                if (reply == null) {
                    ack.call();
                } else {
                    ack.call(json(reply));
                }
            }
        });
        return this;
    }

    /** Each delivery of {@code event}: its arguments. */
    public List<List<@Nullable Object>> received(String event) {
        return Collections.unmodifiableList(received.getOrDefault(event, List.of()));
    }

    /** Sends an event to the server. */
    public void emit(String event, Object... args) {
        socket.emit(event, args);
    }

    /** Why the connection ended ({@code "io server disconnect"}, {@code "transport close"}, ...), if it did. */
    public List<String> disconnects() {
        return List.copyOf(disconnects);
    }

    public boolean connected() {
        return socket.connected();
    }

    @Override
    public void close() {
        socket.off();
        socket.disconnect();
        socket.close();
    }

    @Override
    public String toString() {
        return "client " + (id == null ? "?" : id) + " on " + server + " over " + transport;
    }

    /** Plain Java lists and maps as the client library's JSON types. */
    static @Nullable Object json(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            JSONObject object = new JSONObject();
            map.forEach((key, item) -> {
                try {
                    object.put(String.valueOf(key), item == null ? JSONObject.NULL : json(item));
                } catch (org.json.JSONException e) {
                    throw new IllegalArgumentException(e);
                }
            });
            return object;
        }
        if (value instanceof List<?> list) {
            JSONArray array = new JSONArray();
            for (Object item : list) {
                array.put(item == null ? JSONObject.NULL : json(item));
            }
            return array;
        }
        return value;
    }

    /** JSON from the client library as plain Java values. */
    static @Nullable Object plain(@Nullable Object value) {
        if (value == null || value == JSONObject.NULL) {
            return null;
        }
        if (value instanceof JSONObject object) {
            Map<String, @Nullable Object> map = new LinkedHashMap<>();
            for (Iterator<?> keys = object.keys(); keys.hasNext(); ) {
                String key = String.valueOf(keys.next());
                map.put(key, plain(object.opt(key)));
            }
            return map;
        }
        if (value instanceof JSONArray array) {
            List<@Nullable Object> list = new ArrayList<>(array.length());
            for (int i = 0; i < array.length(); i++) {
                list.add(plain(array.opt(i)));
            }
            return list;
        }
        return value;
    }
}
