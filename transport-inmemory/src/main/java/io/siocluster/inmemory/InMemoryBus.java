package io.siocluster.inmemory;

import io.siocluster.inmemory.internal.BlobTable;
import io.siocluster.inmemory.internal.PubSubTable;
import io.siocluster.inmemory.internal.Router;
import io.siocluster.spi.messaging.MessagingLimits;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared medium of an in-memory cluster: every {@link InMemoryTransport} made from one bus sees the
 * others' messages and blobs. Holds no threads itself; each transport has its own.
 */
public final class InMemoryBus {

    private final MessagingLimits limits;
    private final Clock clock;
    private final Router<String> router = new Router<>();
    private final Router<Map<String, String>> streams = new Router<>();
    private final PubSubTable pubSub = new PubSubTable();
    private final BlobTable blobs;
    private final AtomicInteger transportCount = new AtomicInteger();

    private InMemoryBus(Builder builder) {
        this.limits = builder.limits;
        this.clock = builder.clock;
        this.blobs = new BlobTable(clock);
    }

    /** A bus with PostgreSQL's limits and the system clock. */
    public static InMemoryBus create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A new node on this bus. */
    public InMemoryTransport newTransport() {
        return new InMemoryTransport(this, "inmemory-" + transportCount.incrementAndGet());
    }

    public MessagingLimits limits() {
        return limits;
    }

    Clock clock() {
        return clock;
    }

    Router<String> router() {
        return router;
    }

    /** The streams of the field facet: entries, apart from the messaging channels. */
    Router<Map<String, String>> streams() {
        return streams;
    }

    PubSubTable pubSub() {
        return pubSub;
    }

    BlobTable blobs() {
        return blobs;
    }

    public static final class Builder {
        private MessagingLimits limits = MessagingLimits.POSTGRES;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Defaults to {@link MessagingLimits#POSTGRES}: payloads under 8000 bytes, channels up to 63 bytes. */
        public Builder limits(MessagingLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The clock that blob ages are measured with. Defaults to the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public InMemoryBus build() {
            return new InMemoryBus(this);
        }
    }
}
