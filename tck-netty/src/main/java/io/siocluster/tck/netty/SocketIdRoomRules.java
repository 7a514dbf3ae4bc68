package io.siocluster.tck.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.SocketIONamespace;
import io.siocluster.netty.RoomEvent;
import io.siocluster.tck.TckTimeouts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules N40-N42: the room named after each socket id, on both paths, and Socket.IO's room events. */
public abstract class SocketIdRoomRules extends ClusterRules {

    @Test
    @DisplayName("N40 getRoomOperations(socket id).sendEvent reaches that socket, from its own server and from another")
    void idRoomOnTheDropInPath() {
        String ns = cluster().newNamespace();
        TestClient target = connect(0, ns);
        TestClient other = connect(1, ns);
        TestClient neighbour = connect(0, ns);

        assertThat(roomsOf(target, ns)).as("N40 getAllRooms() lists the socket's id room").contains(target.id());
        namespace(0, ns).getRoomOperations(target.id()).sendEvent("direct", "local");
        namespace(1, ns).getRoomOperations(target.id()).sendEvent("direct", "remote");

        await("N40 the socket receives both").atMost(TckTimeouts.delivery())
                .until(() -> target.received("direct").size() == 2);
        flush("N40", server(1), ns, List.of(target, other, neighbour));
        assertThat(target.received("direct")).as("N40 once from each server")
                .containsExactlyInAnyOrder(List.of("local"), List.of("remote"));
        assertThat(other.received("direct")).as("N40 nobody else receives it").isEmpty();
        assertThat(neighbour.received("direct")).as("N40 nobody else receives it").isEmpty();
    }

    @Test
    @DisplayName("N41 to(socket id) and except(socket id) of the cluster API select that socket on every server")
    void idRoomOnTheClusterApi() {
        String ns = cluster().newNamespace();
        TestClient target = connect(1, ns);
        TestClient other = connect(2, ns);

        join("N41", server(0).of(ns).to(target.id()).emit("only"));
        join("N41", server(0).of(ns).except(target.id()).emit("others"));

        flush("N41", server(0), ns, List.of(target, other));
        assertThat(target.received("only")).as("N41 to(id) reaches the socket").hasSize(1);
        assertThat(other.received("only")).as("N41 to(id) reaches no other socket").isEmpty();
        assertThat(target.received("others")).as("N41 except(id) leaves the socket out").isEmpty();
        assertThat(other.received("others")).as("N41 except(id) reaches the others").hasSize(1);
    }

    @Test
    @DisplayName("N42 room events fire for this server's sockets, in Socket.IO's order, for remote joins and leaves too")
    void roomEvents() throws Exception {
        String ns = cluster().newNamespace();
        List<String> events = new CopyOnWriteArrayList<>();
        List<AutoCloseable> handles = new ArrayList<>();
        for (RoomEvent event : RoomEvent.values()) {
            handles.add(server(0).of(ns).onRoomEvent(event,
                    (room, id) -> events.add(event.socketIoName() + " " + room + (id == null ? "" : " " + id))));
        }
        try {
            TestClient client = connect(0, ns);
            String id = client.id();
            join("N42", server(1).of(ns).socketsJoin("r"));
            await("N42 the remote join is seen").atMost(TckTimeouts.delivery()).until(() -> events.size() >= 4);
            join("N42", server(2).of(ns).socketsLeave("r"));
            await("N42 the remote leave is seen").atMost(TckTimeouts.delivery()).until(() -> events.size() >= 6);
            client.close();
            await("N42 the disconnect is seen").atMost(TckTimeouts.delivery()).until(() -> events.size() >= 8);

            assertThat(events).as("N42 the events, in order").containsExactly(
                    "create-room " + id, "join-room " + id + " " + id,
                    "create-room r", "join-room r " + id,
                    "leave-room r " + id, "delete-room r",
                    "leave-room " + id + " " + id, "delete-room " + id);
        } finally {
            for (AutoCloseable handle : handles) {
                handle.close();
            }
        }
    }

    private SocketIONamespace namespace(int server, String ns) {
        return server(server).server().getNamespace(ns);
    }
}
