package io.siocluster.postgres.internal;

import io.siocluster.spi.error.NonTransientTransportException;
import io.siocluster.spi.error.TransportException;
import io.siocluster.spi.error.TransportUnavailableException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.jspecify.annotations.Nullable;

/** Turns JDBC failures into SPI exceptions that say whether retrying can help. */
public final class SqlErrors {

    private SqlErrors() {
    }

    public static TransportException translate(String what, SQLException e) {
        String message = what + " failed: " + e.getMessage()
                + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
        return isTransient(e) ? new TransportUnavailableException(message, e) : new NonTransientTransportException(message, e);
    }

    /**
     * Connection loss (08), server shutting down or operator intervention (57P), out of resources (53),
     * serialization or deadlock (40), lock not available (55P03); plus JDBC's own transient classes (a pool's
     * acquisition timeout is a {@link java.sql.SQLTransientConnectionException}).
     */
    static boolean isTransient(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        @Nullable String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                || state.startsWith("40") || state.equals("55P03"));
    }

    /** The connection itself is gone (connection exception, or the server process was terminated or shut down). */
    static boolean isConnectionLost(SQLException e) {
        @Nullable String state = e.getSQLState();
        return e instanceof SQLRecoverableException
                || state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}
