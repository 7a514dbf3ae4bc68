package io.siocluster.tck;

import io.siocluster.spi.Transport;

/**
 * How a kit simulates a lost connection for one transport: in memory, the bus's fault hook; for PostgreSQL,
 * refusing new listener connections and terminating the listener's backend.
 */
@FunctionalInterface
public interface ConnectionCutter {

    /**
     * Cuts {@code transport}'s connection to its bus and keeps it cut until the returned handle is closed.
     * The transport must notice by itself (liveness DOWN) and reconnect by itself once the handle is closed.
     * Other transports on the bus stay connected.
     */
    AutoCloseable cut(Transport transport) throws Exception;
}
