package io.siocluster.redis.tck;

import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.FieldMessagingKit;

/** The field kit on Redis: entries of the caller's fields, offered on the reading thread (rule F8). */
class RedisFieldMessagingKitTest extends FieldMessagingKit {

    private final TransportOptions options = RedisKits.options("fields");

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }
}
