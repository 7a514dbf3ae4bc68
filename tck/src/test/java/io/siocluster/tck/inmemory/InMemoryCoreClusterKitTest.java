package io.siocluster.tck.inmemory;

import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.inmemory.InMemoryTransport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.ConnectionCutter;
import io.siocluster.tck.cluster.CoreClusterKit;
import java.util.Optional;

class InMemoryCoreClusterKitTest extends CoreClusterKit {

    private final InMemoryBus bus = InMemoryBus.create();

    @Override
    protected TransportOptions transportOptions() {
        return InMemoryKits.options(bus);
    }

    @Override
    protected Optional<ConnectionCutter> connectionCutter() {
        return Optional.of(transport -> ((InMemoryTransport) transport).simulateOutage());
    }
}
