package io.siocluster.tck.inmemory;

import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.inmemory.InMemoryTransportProvider;
import io.siocluster.spi.TransportOptions;

/** Options for the in-memory transport on a bus of the caller's. */
final class InMemoryKits {

    private InMemoryKits() {
    }

    static TransportOptions options(InMemoryBus bus) {
        return TransportOptions.builder()
                .option(TransportOptions.TRANSPORT, InMemoryTransportProvider.NAME)
                .option(InMemoryTransportProvider.BUS, bus)
                .build();
    }
}
