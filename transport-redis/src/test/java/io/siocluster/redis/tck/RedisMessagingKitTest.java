package io.siocluster.redis.tck;

import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.MessagingKit;

class RedisMessagingKitTest extends MessagingKit {

    private final TransportOptions options = RedisKits.options("messaging");

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }
}
