package io.siocluster.postgres;

import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.testsupport.PostgresDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;

/**
 * Cuts one transport's listener connection the way an outage would: new listener connections are refused
 * (a switch in the connection factory the transport was given), and the current one is ended on the server
 * with {@code pg_terminate_backend}. The transport has to notice and, once the switch is back on,
 * reconnect by itself. Other transports keep their connections.
 */
public final class ListenerFaults {

    private final PostgresDatabase db;
    private final Map<String, SwitchableFactory> byInstance = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    public ListenerFaults(PostgresDatabase db) {
        this.db = db;
    }

    /** Gives the transport built from {@code builder} a name and a listener factory this class can switch off. */
    public TransportOptions.Builder install(TransportOptions.Builder builder) {
        String name = "faulty-" + count.incrementAndGet() + "-" + Integer.toHexString(System.identityHashCode(this));
        SwitchableFactory factory = new SwitchableFactory(db);
        byInstance.put(name, factory);
        return builder.option(PostgresOptions.INSTANCE_NAME, name).option(PostgresOptions.LISTENER_CONNECTIONS, factory);
    }

    /** Cuts until the handle is closed. */
    public AutoCloseable cut(Transport transport) throws SQLException {
        String name = ((PostgresTransport) transport).instanceName();
        SwitchableFactory factory = byInstance.get(name);
        if (factory == null) {
            throw new IllegalStateException(name + " was not built with ListenerFaults.install");
        }
        factory.blocked = true;
        int pid = factory.lastPid;
        if (pid == 0 || !db.terminateBackend(pid)) {
            factory.blocked = false;
            throw new IllegalStateException("no listener backend to terminate for " + name + " (pid " + pid + ")");
        }
        return () -> factory.blocked = false;
    }

    private static final class SwitchableFactory implements ListenerConnectionFactory {
        private final PostgresDatabase db;
        volatile boolean blocked;
        volatile int lastPid;

        SwitchableFactory(PostgresDatabase db) {
            this.db = db;
        }

        @Override
        public Connection open() throws SQLException {
            if (blocked) {
                throw new SQLException("listener connections are cut by the test", "08001");
            }
            Connection connection = db.connect();
            lastPid = connection.unwrap(PGConnection.class).getBackendPID();
            return connection;
        }
    }
}
