package io.siocluster.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens the physical connection the transport LISTENs on. The transport calls it again after every
 * connection loss, owns each connection it returns and closes it. Use it when LISTEN cannot go where the
 * pool goes (PgBouncer in transaction mode, a hot standby) and a URL alone cannot express the way there.
 */
@FunctionalInterface
public interface ListenerConnectionFactory {

    /**
     * A new connection to the primary, never one borrowed from a pool. Called on the transport's listener
     * thread; may block for as long as connecting takes.
     */
    Connection open() throws SQLException;
}
