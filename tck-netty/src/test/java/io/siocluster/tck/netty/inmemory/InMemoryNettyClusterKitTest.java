package io.siocluster.tck.netty.inmemory;

import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.inmemory.InMemoryTransportProvider;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.netty.NettyClusterKit;

class InMemoryNettyClusterKitTest extends NettyClusterKit {

    private final InMemoryBus bus = InMemoryBus.create();

    @Override
    protected TransportOptions transportOptions() {
        return TransportOptions.builder()
                .option(TransportOptions.TRANSPORT, InMemoryTransportProvider.NAME)
                .option(InMemoryTransportProvider.BUS, bus)
                .build();
    }
}
