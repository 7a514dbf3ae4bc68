package io.siocluster.tck.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules N1-N8: emit to the whole namespace, to rooms, except rooms, to local clients only. */
public abstract class BroadcastRules extends ClusterRules {

    @Test
    @DisplayName("N1 an emit reaches every client of the namespace on every server, once each")
    void emitReachesEveryClientOnce() {
        String ns = cluster().newNamespace();
        List<TestClient> clients = List.of(connect(0, ns), connect(0, ns), connect(1, ns), connect(2, ns));

        join("N1", server(1).of(ns).emit("news", "hello", 42));

        flush("N1", server(1), ns, clients);
        for (TestClient client : clients) {
            assertThat(client.received("news")).as("N1 %s receives the event once, arguments intact", client)
                    .containsExactly(List.of("hello", 42));
        }
    }

    @Test
    @DisplayName("N2 binary arguments, at the top level and nested, arrive intact on every server")
    void binaryArrivesIntact() {
        String ns = cluster().newNamespace();
        List<TestClient> clients = List.of(connect(0, ns), connect(1, ns), connect(2, ns));
        byte[] top = {1, 2, 3, (byte) 0xff, 0};
        byte[] nested = {4, 5, 6};

        join("N2", server(0).of(ns).emit("bin", top, Map.of("nested", nested), "text"));

        for (TestClient client : clients) {
            awaitReceived("N2", client, "bin", 1);
            List<Object> args = client.received("bin").get(0);
            assertThat(args).as("N2 %s receives three arguments", client).hasSize(3);
            assertThat(args.get(0)).as("N2 %s: top-level binary", client).isEqualTo(top);
            assertThat(args.get(1)).as("N2 %s: nested binary", client).isInstanceOf(Map.class);
            assertThat(((Map<?, ?>) args.get(1)).get("nested")).as("N2 %s: nested binary", client).isEqualTo(nested);
            assertThat(args.get(2)).as("N2 %s: text after binary", client).isEqualTo("text");
        }
    }

    @Test
    @DisplayName("N3 clients on HTTP long-polling receive broadcasts, binary included")
    void pollingClientsReceive() {
        String ns = cluster().newNamespace();
        List<TestClient> clients = List.of(
                cluster().connect(server(1), ns, new TestClient.Options().polling()),
                cluster().connect(server(2), ns, new TestClient.Options().polling()));
        byte[] bytes = {9, 8, 7};

        join("N3", server(0).of(ns).emit("poll", "over polling", bytes));
        join("N3", server(0).of(ns).emit("poll", "second", 2));

        for (TestClient client : clients) {
            awaitReceived("N3", client, "poll", 2);
            List<List<Object>> got = client.received("poll");
            assertThat(got.get(0).get(0)).as("N3 %s: text", client).isEqualTo("over polling");
            assertThat(got.get(0).get(1)).as("N3 %s: binary", client).isEqualTo(bytes);
            assertThat(got.get(1)).as("N3 %s: a second packet in order", client).containsExactly("second", 2);
        }
    }

    @Test
    @DisplayName("N4 an emit in one namespace reaches no client of another namespace")
    void namespacesAreSeparate() {
        String target = cluster().newNamespace();
        String other = cluster().newNamespace();
        List<TestClient> inTarget = List.of(connect(0, target), connect(2, target));
        List<TestClient> inOther = List.of(connect(1, other), connect(2, other));

        join("N4", server(1).of(target).emit("scoped", "yes"));

        for (TestClient client : inTarget) {
            awaitReceived("N4", client, "scoped", 1);
        }
        flush("N4", server(1), other, inOther);
        for (TestClient client : inOther) {
            assertThat(client.received("scoped")).as("N4 %s of the other namespace receives nothing", client).isEmpty();
        }
    }

    @Test
    @DisplayName("N5 to(room) reaches the room's clients on every server and no other client")
    void toRoom() {
        String ns = cluster().newNamespace();
        TestClient member0 = connect(0, ns);
        TestClient member1 = connect(1, ns);
        TestClient outsider = connect(2, ns);
        joinLocally(member0, ns, "room");
        joinLocally(member1, ns, "room");

        join("N5", server(2).of(ns).to("room").emit("roomed", 1));

        awaitReceived("N5", member0, "roomed", 1);
        awaitReceived("N5", member1, "roomed", 1);
        flush("N5", server(2), ns, List.of(member0, member1, outsider));
        assertThat(outsider.received("roomed")).as("N5 a client outside the room receives nothing").isEmpty();
    }

    @Test
    @DisplayName("N6 to(a, b) reaches a client that is in both rooms once")
    void twoRoomsOnce() {
        String ns = cluster().newNamespace();
        TestClient both = connect(1, ns);
        TestClient onlyB = connect(2, ns);
        TestClient localBoth = connect(0, ns);
        joinLocally(both, ns, "a", "b");
        joinLocally(onlyB, ns, "b");
        joinLocally(localBoth, ns, "a", "b");

        join("N6", server(0).of(ns).to("a", "b").emit("twice?", "no"));

        flush("N6", server(0), ns, List.of(both, onlyB, localBoth));
        assertThat(both.received("twice?")).as("N6 a remote client in both rooms receives the event once").hasSize(1);
        assertThat(localBoth.received("twice?")).as("N6 a local client in both rooms receives the event once").hasSize(1);
        assertThat(onlyB.received("twice?")).as("N6 a client in one of the rooms receives it once").hasSize(1);
    }

    @Test
    @DisplayName("N7 except(room) leaves out the room's clients on every server")
    void exceptRoom() {
        String ns = cluster().newNamespace();
        TestClient excluded0 = connect(0, ns);
        TestClient excluded2 = connect(2, ns);
        TestClient included1 = connect(1, ns);
        TestClient included2 = connect(2, ns);
        joinLocally(excluded0, ns, "muted");
        joinLocally(excluded2, ns, "muted");

        join("N7", server(0).of(ns).except("muted").emit("loud", true));

        awaitReceived("N7", included1, "loud", 1);
        awaitReceived("N7", included2, "loud", 1);
        flush("N7", server(0), ns, List.of(excluded0, excluded2, included1, included2));
        assertThat(excluded0.received("loud")).as("N7 a local client in the excepted room receives nothing").isEmpty();
        assertThat(excluded2.received("loud")).as("N7 a remote client in the excepted room receives nothing").isEmpty();
    }

    @Test
    @DisplayName("N8 local() reaches the emitting server's clients only")
    void localOnly() {
        String ns = cluster().newNamespace();
        TestClient local = connect(1, ns);
        TestClient remote0 = connect(0, ns);
        TestClient remote2 = connect(2, ns);

        join("N8", server(1).of(ns).local().emit("here", "only"));

        awaitReceived("N8", local, "here", 1);
        flush("N8", server(1), ns, List.of(local, remote0, remote2));
        assertThat(remote0.received("here")).as("N8 a client of another server receives nothing").isEmpty();
        assertThat(remote2.received("here")).as("N8 a client of another server receives nothing").isEmpty();
    }
}
