package io.siocluster.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens the physical connection the listener LISTENs on; called again after every loss, and the listener
 * owns and closes each connection it gets. The public package adapts a user's
 * {@code ListenerConnectionFactory} to this ({@code factory::open}).
 *
 * <p>This pair is kept on purpose: using the public interface here would make the public package and
 * internal depend on each other (a cycle the architecture test refuses), and the public one carries the
 * user's contract (which thread calls it, what it must return) that the implementation does not need.
 * The other mirror, the option names that internal messages used to carry, is gone: the public package
 * decides where connections come from and words the messages.
 */
@FunctionalInterface
public interface ListenerConnector {

    /** A new connection to the primary, never a pooled one; called on the listener thread, may block. */
    Connection open() throws SQLException;
}
