package io.siocluster.tck.netty;

import static org.assertj.core.api.Assertions.assertThat;

import com.corundumstudio.socketio.SocketIONamespace;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules N32-N35: existing netty-socketio BroadcastOperations code reaches the clients of every server. */
public abstract class DropInRules extends ClusterRules {

    @Test
    @DisplayName("N32 namespace.getBroadcastOperations().sendEvent reaches every client of every server, binary intact")
    void namespaceBroadcast() {
        String ns = cluster().newNamespace();
        List<TestClient> clients = List.of(connect(0, ns), connect(0, ns), connect(1, ns),
                cluster().connect(server(2), ns, new TestClient.Options().polling()));
        byte[] bytes = {3, 1, 4, 1, 5};

        server(0).server().getNamespace(ns).getBroadcastOperations().sendEvent("legacy", "hello", bytes);

        for (TestClient client : clients) {
            awaitReceived("N32", client, "legacy", 1);
            List<Object> args = client.received("legacy").get(0);
            assertThat(args.get(0)).as("N32 %s: text", client).isEqualTo("hello");
            assertThat(args.get(1)).as("N32 %s: binary", client).isEqualTo(bytes);
        }
        flush("N32", server(0), ns, clients);
        assertThat(clients).as("N32 each client receives it once").allSatisfy(c -> assertThat(c.received("legacy")).hasSize(1));
    }

    @Test
    @DisplayName("N33 server.getRoomOperations(room).sendEvent reaches the room's clients on every server only")
    void roomBroadcast() {
        String ns = cluster().newNamespace();
        TestClient member0 = connect(0, ns);
        TestClient member2 = connect(2, ns);
        TestClient outsider = connect(2, ns);
        String room = "legacy-room-" + ns.substring(1);
        joinLocally(member0, ns, room);
        joinLocally(member2, ns, room);
        byte[] bytes = {42};

        server(1).server().getRoomOperations(room).sendEvent("roomed", bytes);

        awaitReceived("N33", member0, "roomed", 1);
        awaitReceived("N33", member2, "roomed", 1);
        assertThat(member2.received("roomed").get(0).get(0)).as("N33 binary intact on a remote server").isEqualTo(bytes);
        flush("N33", server(1), ns, List.of(member0, member2, outsider));
        assertThat(outsider.received("roomed")).as("N33 a client outside the room receives nothing").isEmpty();
    }

    @Test
    @DisplayName("N34 getRoomOperations(a, b).sendEvent in a listener reaches a client in both rooms as often on a remote server"
            + " as on its own (once per room, netty-socketio's rule); separate calls are never merged")
    void multiRoomAsLocally() {
        String ns = cluster().newNamespace();
        SocketIONamespace namespace = server(0).server().getNamespace(ns);
        namespace.addEventListener("trigger", String.class,
                (client, data, ack) -> namespace.getRoomOperations("a", "b").sendEvent("multi", data));
        namespace.addEventListener("separately", String.class, (client, data, ack) -> {
            namespace.getRoomOperations("a").sendEvent("separate", data);
            namespace.getRoomOperations("b").sendEvent("separate", data);
        });
        TestClient both = connect(1, ns);
        TestClient onlyA = connect(2, ns);
        TestClient localBoth = connect(0, ns);
        TestClient trigger = connect(0, ns);
        joinLocally(both, ns, "a", "b");
        joinLocally(onlyA, ns, "a");
        joinLocally(localBoth, ns, "a", "b");

        trigger.emit("trigger", "per room");
        trigger.emit("separately", "twice");

        awaitReceived("N34", localBoth, "multi", 2);
        awaitReceived("N34", both, "multi", 2);
        awaitReceived("N34", both, "separate", 2);
        awaitReceived("N34", onlyA, "separate", 1);
        flush("N34", server(0), ns, List.of(both, onlyA, localBoth));
        assertThat(both.received("multi")).as("N34 a remote client in both rooms receives it once per room, as a local one")
                .containsExactly(List.of("per room"), List.of("per room"));
        assertThat(localBoth.received("multi")).as("N34 a local client in both rooms: netty-socketio sends once per room")
                .hasSize(2);
        assertThat(onlyA.received("multi")).as("N34 a remote client in one room receives it once").hasSize(1);
        assertThat(both.received("separate")).as("N34 two separate calls with the same event and arguments are two events")
                .containsExactly(List.of("twice"), List.of("twice"));
        assertThat(onlyA.received("separate")).as("N34 a client in one room receives only its room's call").hasSize(1);
    }

    @Test
    @DisplayName("N35 sendEvent with an excluded client reaches every other client of every server")
    void excludedSender() {
        String ns = cluster().newNamespace();
        SocketIONamespace namespace = server(0).server().getNamespace(ns);
        namespace.addEventListener("say", String.class,
                (client, data, ack) -> namespace.getBroadcastOperations().sendEvent("said", client, data));
        TestClient sender = connect(0, ns);
        List<TestClient> others = List.of(connect(0, ns), connect(1, ns), connect(2, ns));

        sender.emit("say", "hi all");

        for (TestClient other : others) {
            awaitReceived("N35", other, "said", 1);
            assertThat(other.received("said").get(0)).as("N35 %s receives the message", other).containsExactly("hi all");
        }
        flush("N35", server(0), ns, List.of(sender));
        assertThat(sender.received("said")).as("N35 the excluded sender receives nothing").isEmpty();
    }
}
