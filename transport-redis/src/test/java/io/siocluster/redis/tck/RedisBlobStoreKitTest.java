package io.siocluster.redis.tck;

import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.BlobStoreKit;

class RedisBlobStoreKitTest extends BlobStoreKit {

    private final TransportOptions options = RedisKits.options("blobstore");

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }
}
