package io.siocluster.redis.tck;

import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.ProviderKit;

class RedisProviderKitTest extends ProviderKit {

    // A password makes rule D5 (secrets print as REDACTED) check something; D5 never connects with it.
    private final TransportOptions options = RedisKits.options("provider").mutate()
            .option(io.siocluster.redis.RedisOptions.PASSWORD, "s3cret-not-used").build();

    @Override
    protected TransportOptions transportOptions() {
        return options;
    }
}
