package io.siocluster.tck.netty;

import static org.assertj.core.api.Assertions.assertThat;

import com.corundumstudio.socketio.SocketIOClient;
import io.siocluster.netty.RemoteSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules N23-N26: fetchSockets across the cluster, one socket in detail, local only, in a room. */
public abstract class FetchSocketsRules extends ClusterRules {

    @Test
    @DisplayName("N23 fetchSockets returns every socket of every server, each once")
    void fetchAll() {
        String ns = cluster().newNamespace();
        List<TestClient> clients = List.of(connect(0, ns), connect(0, ns), connect(1, ns), connect(2, ns));

        List<RemoteSocket> sockets = join("N23", server(1).of(ns).fetchSockets());

        assertThat(sockets).as("N23 one socket per client, with the client's id").extracting(RemoteSocket::id)
                .containsExactlyInAnyOrderElementsOf(clients.stream().map(TestClient::id).toList());
    }

    @Test
    @DisplayName("N24 a remote socket carries its handshake (headers, query, auth, address, url, time), data and rooms")
    void oneSocketInDetail() {
        String ns = cluster().newNamespace();
        TestClient client = cluster().connect(server(2), ns, new TestClient.Options()
                .auth(Map.of("token", "abc"))
                .query("color=blue")
                .header("X-Tck", "yes"));
        connect(2, ns);
        SocketIOClient serverSide = serverSide(client, ns);
        server(2).cluster().setSocketData(serverSide, Map.of("name", "alice", "level", 3));
        serverSide.joinRoom("vip");

        List<RemoteSocket> sockets = join("N24", server(0).of(ns).in(client.id()).fetchSockets());

        assertThat(sockets).as("N24 exactly the socket asked for").hasSize(1);
        RemoteSocket socket = sockets.get(0);
        assertThat(socket.id()).as("N24 id").isEqualTo(client.id());
        assertThat(socket.rooms()).as("N24 rooms: its own id and the rooms it joined")
                .containsExactlyInAnyOrder(client.id(), "vip");
        assertThat(socket.data()).as("N24 data as set on its server").isEqualTo(Map.of("name", "alice", "level", 3));
        Map<String, Object> handshake = socket.handshake();
        assertThat(handshake).as("N24 the handshake has Node's keys")
                .containsKeys("headers", "time", "address", "xdomain", "secure", "issued", "url", "query", "auth");
        assertThat(map(handshake.get("headers"))).as("N24 headers, by lower-case name")
                .containsEntry("x-tck", "yes");
        assertThat(map(handshake.get("query"))).as("N24 query parameters")
                .containsEntry("color", "blue").containsEntry("EIO", "4");
        assertThat(handshake.get("auth")).as("N24 auth payload").isEqualTo(Map.of("token", "abc"));
        assertThat(handshake.get("address")).as("N24 the client's address").isEqualTo("127.0.0.1");
        assertThat((String) handshake.get("url")).as("N24 the handshake URL").startsWith("/socket.io/");
        assertThat(handshake.get("issued")).as("N24 issued: epoch milliseconds").isInstanceOf(Number.class);
        assertThat(handshake.get("time")).as("N24 time: a date text").isInstanceOf(String.class);
        assertThat(handshake.get("secure")).as("N24 secure: false over plain HTTP").isEqualTo(false);
        assertThat(handshake.get("xdomain")).as("N24 xdomain: a boolean").isInstanceOf(Boolean.class);
    }

    @Test
    @DisplayName("N25 local().fetchSockets returns this server's sockets only")
    void fetchLocal() {
        String ns = cluster().newNamespace();
        TestClient local1 = connect(1, ns);
        TestClient local2 = connect(1, ns);
        connect(0, ns);
        connect(2, ns);

        List<RemoteSocket> sockets = join("N25", server(1).of(ns).local().fetchSockets());

        assertThat(sockets).as("N25 only the sockets of the asking server").extracting(RemoteSocket::id)
                .containsExactlyInAnyOrder(local1.id(), local2.id());
    }

    @Test
    @DisplayName("N26 in(room).fetchSockets returns the room's sockets of every server")
    void fetchInRoom() {
        String ns = cluster().newNamespace();
        TestClient member0 = connect(0, ns);
        TestClient member2 = connect(2, ns);
        connect(1, ns);
        connect(2, ns);
        joinLocally(member0, ns, "club");
        joinLocally(member2, ns, "club");

        List<RemoteSocket> sockets = join("N26", server(1).of(ns).in("club").fetchSockets());

        assertThat(sockets).as("N26 the room's sockets on every server").extracting(RemoteSocket::id)
                .containsExactlyInAnyOrder(member0.id(), member2.id());
    }

    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((key, item) -> map.put(String.valueOf(key), item));
        return map;
    }
}
