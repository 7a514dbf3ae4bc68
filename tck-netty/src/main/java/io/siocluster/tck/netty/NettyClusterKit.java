package io.siocluster.tck.netty;

import io.siocluster.spi.TransportOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The cluster kit: rules N1-N47 over three real netty-socketio servers in this JVM, clustered through the
 * transport under test, with real Socket.IO clients (websocket, and polling where a rule says so). The scenarios
 * are those of the Node adapter's own test suite, plus netty-socketio's drop-in path and large payloads.
 * Extend it and implement {@link #transportOptions()}; each call must give a new node on one shared bus.
 */
@DisplayName("netty-socketio cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class NettyClusterKit {

    private NettyServersFixture fixture;

    /** Options that make a transport of the implementation under test through provider discovery. */
    protected abstract TransportOptions transportOptions();

    /** Threads the transport shares JVM-wide (a driver's cleaner, say), which rule N39 does not count. */
    protected boolean isSharedThread(Thread thread) {
        return false;
    }

    @BeforeAll
    final void startCluster() {
        fixture = NettyServersFixture.start(transportOptions());
    }

    @AfterAll
    final void stopCluster() {
        if (fixture != null) {
            fixture.close();
        }
    }

    final NettyServersFixture fixture() {
        return fixture;
    }

    @Nested
    @DisplayName("Broadcast")
    class Broadcast extends BroadcastRules {
        @Override
        protected NettyServersFixture cluster() {
            return fixture;
        }
    }

    @Nested
    @DisplayName("Acknowledgements")
    class Acknowledgements extends AckRules {
        @Override
        protected NettyServersFixture cluster() {
            return fixture;
        }
    }

    @Nested
    @DisplayName("Rooms and disconnection")
    class Rooms extends RoomRules {
        @Override
        protected NettyServersFixture cluster() {
            return fixture;
        }
    }

    @Nested
    @DisplayName("fetchSockets")
    class FetchSockets extends FetchSocketsRules {
        @Override
        protected NettyServersFixture cluster() {
            return fixture;
        }
    }

    @Nested
    @DisplayName("serverSideEmit")
    class ServerSideEmit extends ServerSideEmitRules {
        @Override
        protected NettyServersFixture cluster() {
            return fixture;
        }
    }

    @Nested
    @DisplayName("Socket id rooms and room events")
    class SocketIdRooms extends SocketIdRoomRules {
        @Override
        protected NettyServersFixture cluster() {
            return fixture;
        }
    }

    @Nested
    @DisplayName("Modifiers and the smaller API")
    class SocketApi extends SocketApiRules {
        @Override
        protected NettyServersFixture cluster() {
            return fixture;
        }
    }

    @Nested
    @DisplayName("Drop-in BroadcastOperations")
    class DropIn extends DropInRules {
        @Override
        protected NettyServersFixture cluster() {
            return fixture;
        }
    }

    @Nested
    @DisplayName("Large payloads")
    class Payloads extends PayloadRules {
        @Override
        protected NettyServersFixture cluster() {
            return fixture;
        }
    }

    @Nested
    @DisplayName("Stopping a server")
    class Stopping extends StopRules {
        @Override
        protected NettyServersFixture cluster() {
            return fixture;
        }

        @Override
        protected boolean isSharedThread(Thread thread) {
            return NettyClusterKit.this.isSharedThread(thread);
        }
    }
}
