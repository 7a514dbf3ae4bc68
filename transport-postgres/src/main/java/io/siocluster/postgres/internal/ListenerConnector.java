package io.siocluster.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens the physical connection the listener LISTENs on; called again after every loss, and the listener
 * owns and closes each connection it gets. The public package adapts a user's
 * {@code ListenerConnectionFactory} to this, so internal never depends on the API types.
 */
@FunctionalInterface
public interface ListenerConnector {

    /** A new connection to the primary, never a pooled one; called on the listener thread, may block. */
    Connection open() throws SQLException;
}
