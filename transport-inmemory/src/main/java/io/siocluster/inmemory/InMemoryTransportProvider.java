package io.siocluster.inmemory;

import io.siocluster.spi.Option;
import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.TransportProvider;

/**
 * The {@code "inmemory"} provider. Nodes that should form one cluster must share a bus: pass it with
 * {@link #BUS}. Without it each transport gets a bus of its own (a cluster of one).
 */
public final class InMemoryTransportProvider implements TransportProvider {

    public static final String NAME = "inmemory";

    /** The bus to join. Default: a new private bus. */
    public static final Option<InMemoryBus> BUS = Option.of("inmemory.bus", InMemoryBus.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Transport create(TransportOptions options) {
        InMemoryBus bus = options.get(BUS).orElseGet(InMemoryBus::create);
        return bus.newTransport();
    }
}
