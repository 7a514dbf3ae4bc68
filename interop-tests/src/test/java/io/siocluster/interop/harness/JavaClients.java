package io.siocluster.interop.harness;

import static io.siocluster.interop.harness.Waits.eventually;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.jspecify.annotations.Nullable;

/**
 * Java Socket.IO clients ({@code io.socket:socket.io-client}, protocol v4) by name. Every event a client receives
 * is recorded with its arguments as plain Java values (JSON objects as maps, arrays as lists, binary as byte[]);
 * an event that asks for an acknowledgement is answered with the client's name.
 */
public final class JavaClients implements AutoCloseable {

    /** An event one client received. */
    public record Received(String client, String event, List<@Nullable Object> args, boolean withAck) {
    }

    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** Connects a client over {@code transport} ({@code "websocket"} or {@code "polling"}); returns its socket id. */
    public String connect(String name, String url, String transport) {
        IO.Options options = IO.Options.builder().setForceNew(true).setReconnection(false)
                .setTransports(new String[] {transport}).build();
        Socket socket = IO.socket(URI.create(url), options);
        socket.onAnyIncoming(args -> record(name, args));
        sockets.put(name, socket);
        socket.connect();
        eventually().until(socket::connected);
        return socket.id();
    }

    /** Emits from a client. */
    public void emit(String client, String event, Object... args) {
        socket(client).emit(event, args);
    }

    /** Emits from a client and waits for the server's acknowledgement; returns its first argument. */
    public @Nullable Object emitWithAck(String client, String event, Object... args) {
        CompletableFuture<@Nullable Object> answer = new CompletableFuture<>();
        socket(client).emit(event, args, (Ack) reply -> answer.complete(reply.length > 0 ? plain(reply[0]) : null));
        return answer.orTimeout(Waits.DELIVERY.toSeconds(), TimeUnit.SECONDS).join();
    }

    public String id(String client) {
        return socket(client).id();
    }

    public boolean isConnected(String client) {
        return socket(client).connected();
    }

    /** The names of the clients that received {@code event}, once per delivery. */
    public List<String> receivers(String event) {
        List<String> names = new ArrayList<>();
        for (Received r : received) {
            if (r.event().equals(event)) {
                names.add(r.client());
            }
        }
        return names;
    }

    /** What {@code client} received under the name {@code event}. */
    public List<Received> received(String client, String event) {
        List<Received> matching = new ArrayList<>();
        for (Received r : received) {
            if (r.client().equals(client) && r.event().equals(event)) {
                matching.add(r);
            }
        }
        return matching;
    }

    @Override
    public void close() {
        sockets.values().forEach(Socket::close);
        sockets.clear();
    }

    private Socket socket(String client) {
        Socket socket = sockets.get(client);
        if (socket == null) {
            throw new IllegalArgumentException("no Java client named " + client);
        }
        return socket;
    }

    private void record(String client, Object[] incoming) {
        if (incoming.length == 0) {
            return;
        }
        List<Object> args = new ArrayList<>(Arrays.asList(incoming).subList(1, incoming.length));
        Ack ack = !args.isEmpty() && args.get(args.size() - 1) instanceof Ack last ? last : null;
        if (ack != null) {
            args.remove(args.size() - 1);
        }
        List<@Nullable Object> values = new ArrayList<>();
        args.forEach(arg -> values.add(plain(arg)));
        received.add(new Received(client, String.valueOf(incoming[0]), values, ack != null));
        if (ack != null) {
            ack.call(client);
        }
    }

    /** org.json values as plain Java values. */
    private static @Nullable Object plain(@Nullable Object value) {
        try {
            if (value == null || value == JSONObject.NULL) {
                return null;
            }
            if (value instanceof JSONArray array) {
                List<@Nullable Object> list = new ArrayList<>();
                for (int i = 0; i < array.length(); i++) {
                    list.add(plain(array.get(i)));
                }
                return list;
            }
            if (value instanceof JSONObject object) {
                Map<String, @Nullable Object> map = new LinkedHashMap<>();
                for (Iterator<?> keys = object.keys(); keys.hasNext(); ) {
                    String key = String.valueOf(keys.next());
                    map.put(key, plain(object.get(key)));
                }
                return map;
            }
            return value;
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
    }
}
