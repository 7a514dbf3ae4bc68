package io.siocluster.tck.inmemory;

import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.FieldMessagingKit;

class InMemoryFieldMessagingKitTest extends FieldMessagingKit {

    private final InMemoryBus bus = InMemoryBus.create();

    @Override
    protected TransportOptions transportOptions() {
        return InMemoryKits.options(bus);
    }
}
