package io.siocluster.tck.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.netty.RemoteSocket;
import io.siocluster.tck.TckTimeouts;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules N15-N22: socketsJoin, socketsLeave and disconnectSockets, for all sockets, matching ones, one socket. */
public abstract class RoomRules extends ClusterRules {

    @Test
    @DisplayName("N15 socketsJoin makes every socket of every server join the room")
    void joinAll() {
        String ns = cluster().newNamespace();
        List<TestClient> clients = List.of(connect(0, ns), connect(1, ns), connect(2, ns));

        join("N15", server(0).of(ns).socketsJoin("joined", "also"));

        for (TestClient client : clients) {
            awaitRooms("N15", client, ns, true, "joined", "also");
        }
        join("N15", server(1).of(ns).to("joined").emit("in-room"));
        for (TestClient client : clients) {
            awaitReceived("N15 the room now reaches the socket:", client, "in-room", 1);
        }
    }

    @Test
    @DisplayName("N16 in(room).socketsJoin affects only the sockets in that room")
    void joinMatching() {
        String ns = cluster().newNamespace();
        TestClient member0 = connect(0, ns);
        TestClient member2 = connect(2, ns);
        TestClient other = connect(1, ns);
        joinLocally(member0, ns, "source");
        joinLocally(member2, ns, "source");

        join("N16", server(1).of(ns).in("source").socketsJoin("target"));

        awaitRooms("N16", member0, ns, true, "target");
        awaitRooms("N16", member2, ns, true, "target");
        assertThat(roomsOf(other, ns)).as("N16 a socket outside the room does not join").doesNotContain("target");
    }

    @Test
    @DisplayName("N17 a fetched socket's join makes that one socket join")
    void joinOne() {
        String ns = cluster().newNamespace();
        TestClient chosen = connect(2, ns);
        TestClient sameServer = connect(2, ns);
        TestClient otherServer = connect(0, ns);

        RemoteSocket socket = only("N17", ns, chosen);
        join("N17", socket.join("solo"));

        awaitRooms("N17", chosen, ns, true, "solo");
        flush("N17", server(2), ns, List.of(chosen, sameServer, otherServer));
        assertThat(roomsOf(sameServer, ns)).as("N17 another socket does not join").doesNotContain("solo");
        assertThat(roomsOf(otherServer, ns)).as("N17 another socket does not join").doesNotContain("solo");
    }

    @Test
    @DisplayName("N18 socketsLeave makes every socket of every server leave the room")
    void leaveAll() {
        String ns = cluster().newNamespace();
        List<TestClient> clients = List.of(connect(0, ns), connect(1, ns), connect(2, ns));
        for (TestClient client : clients) {
            joinLocally(client, ns, "r", "stay");
        }

        join("N18", server(2).of(ns).socketsLeave("r"));

        for (TestClient client : clients) {
            awaitRooms("N18", client, ns, false, "r");
            assertThat(roomsOf(client, ns)).as("N18 other rooms are kept").contains("stay");
        }
    }

    @Test
    @DisplayName("N19 in(room).socketsLeave affects only the sockets in that room")
    void leaveMatching() {
        String ns = cluster().newNamespace();
        TestClient match0 = connect(0, ns);
        TestClient match1 = connect(1, ns);
        TestClient keeps = connect(2, ns);
        for (TestClient client : List.of(match0, match1, keeps)) {
            joinLocally(client, ns, "r");
        }
        joinLocally(match0, ns, "m");
        joinLocally(match1, ns, "m");

        join("N19", server(2).of(ns).in("m").socketsLeave("r"));

        awaitRooms("N19", match0, ns, false, "r");
        awaitRooms("N19", match1, ns, false, "r");
        assertThat(roomsOf(keeps, ns)).as("N19 a socket outside the matching room stays").contains("r");
    }

    @Test
    @DisplayName("N20 a fetched socket's leave makes that one socket leave")
    void leaveOne() {
        String ns = cluster().newNamespace();
        TestClient chosen = connect(1, ns);
        TestClient other = connect(0, ns);
        joinLocally(chosen, ns, "r");
        joinLocally(other, ns, "r");

        join("N20", only("N20", ns, chosen).leave("r"));

        awaitRooms("N20", chosen, ns, false, "r");
        flush("N20", server(1), ns, List.of(chosen, other));
        assertThat(roomsOf(other, ns)).as("N20 another socket stays").contains("r");
    }

    @Test
    @DisplayName("N21 disconnectSockets disconnects every socket of every server")
    void disconnectAll() {
        String ns = cluster().newNamespace();
        List<TestClient> clients = List.of(connect(0, ns), connect(1, ns), connect(2, ns));

        join("N21", server(1).of(ns).disconnectSockets(false));

        for (TestClient client : clients) {
            await("N21 " + client + " is disconnected by the server").atMost(TckTimeouts.delivery())
                    .until(() -> client.disconnects().contains("io server disconnect"));
            await("N21 " + client + " is gone on its server").atMost(TckTimeouts.delivery())
                    .until(() -> client.server().server().getNamespace(ns).getClient(
                            java.util.UUID.fromString(client.id())) == null);
        }
    }

    @Test
    @DisplayName("N22 in(room).disconnectSockets(true) disconnects only the room's sockets and closes their connections")
    void disconnectMatching() {
        String ns = cluster().newNamespace();
        TestClient kicked = connect(2, ns);
        TestClient stays0 = connect(0, ns);
        TestClient stays2 = connect(2, ns);
        joinLocally(kicked, ns, "kick");

        join("N22", server(0).of(ns).in("kick").disconnectSockets(true));

        await("N22 the room's socket is disconnected").atMost(TckTimeouts.delivery())
                .until(() -> !kicked.connected() && !kicked.disconnects().isEmpty());
        flush("N22", server(0), ns, List.of(stays0, stays2));
        assertThat(stays0.connected() && stays2.connected()).as("N22 sockets outside the room stay connected").isTrue();
    }

    private RemoteSocket only(String rule, String ns, TestClient client) {
        List<RemoteSocket> sockets = join(rule, server(0).of(ns).in(client.id()).fetchSockets());
        assertThat(sockets).as(rule + " fetchSockets in(socket id) finds the socket").hasSize(1);
        return sockets.get(0);
    }

    private static void awaitRooms(String rule, TestClient client, String ns, boolean member, String... rooms) {
        await(rule + ": " + client + (member ? " joins " : " leaves ") + List.of(rooms))
                .atMost(TckTimeouts.delivery())
                .until(() -> {
                    var current = roomsOf(client, ns);
                    for (String room : rooms) {
                        if (current.contains(room) != member) {
                            return false;
                        }
                    }
                    return true;
                });
    }
}
