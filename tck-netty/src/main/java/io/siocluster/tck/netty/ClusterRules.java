package io.siocluster.tck.netty;

import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIONamespace;
import io.siocluster.tck.TckTimeouts;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;

/** What the rule groups of {@link NettyClusterKit} share: the running cluster and ways to wait on it. */
public abstract class ClusterRules {

    /** The cluster of the kit class this group runs in. */
    protected abstract NettyServersFixture cluster();

    @AfterEach
    final void closeRuleClients() {
        cluster().afterRule();
    }

    protected final ServerNode server(int index) {
        return cluster().node(index);
    }

    protected final TestClient connect(int server, String namespace) {
        return cluster().connect(server(server), namespace);
    }

    /** Waits for a stage; a failure surfaces as its cause, a hang as an assertion error naming {@code rule}. */
    protected static <T> T join(String rule, CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(TckTimeouts.bulk().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new AssertionError(rule + ": the operation failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new AssertionError(rule + ": the operation did not complete within " + TckTimeouts.bulk(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The exception a stage failed with; an assertion error naming {@code rule} if it succeeded or hung. */
    protected static Throwable failure(String rule, CompletionStage<?> stage) {
        try {
            Object value = stage.toCompletableFuture().get(TckTimeouts.bulk().toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError(rule + ": the operation succeeded with " + value + " but must fail");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError(rule + ": the operation neither failed nor succeeded within " + TckTimeouts.bulk(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits until {@code client} has received {@code event} {@code times} times. */
    protected static void awaitReceived(String rule, TestClient client, String event, int times) {
        await(rule + ": " + client + " receives '" + event + "' " + times + " time(s)")
                .atMost(TckTimeouts.delivery())
                .until(() -> client.received(event).size() >= times);
    }

    /**
     * Sends a marker from {@code from} to every client of the namespace and waits until each has it: what was
     * sent before it from the same server has been delivered by then, so absence can be asserted.
     */
    protected static void flush(String rule, ServerNode from, String namespace, List<TestClient> clients) {
        String marker = "marker-" + UUID.randomUUID();
        join(rule, from.of(namespace).emit(marker));
        for (TestClient client : clients) {
            awaitReceived(rule + " (marker)", client, marker, 1);
        }
    }

    /** The netty-socketio client behind a test client, on its own server. */
    protected static SocketIOClient serverSide(TestClient client, String namespace) {
        SocketIONamespace ns = client.server().server().getNamespace(namespace);
        SocketIOClient found = ns == null ? null : ns.getClient(UUID.fromString(client.id()));
        if (found == null) {
            throw new AssertionError(client + " is not connected to " + namespace + " on its server");
        }
        return found;
    }

    /** Makes a client join rooms on its own server, as application code does. */
    protected static void joinLocally(TestClient client, String namespace, String... rooms) {
        SocketIOClient socket = serverSide(client, namespace);
        for (String room : rooms) {
            socket.joinRoom(room);
        }
    }

    /** The client's rooms on its own server, or none once it is gone there. */
    protected static Set<String> roomsOf(TestClient client, String namespace) {
        SocketIONamespace ns = client.server().server().getNamespace(namespace);
        @Nullable SocketIOClient socket = ns == null ? null : ns.getClient(UUID.fromString(client.id()));
        return socket == null ? Set.of() : Set.copyOf(socket.getAllRooms());
    }
}
