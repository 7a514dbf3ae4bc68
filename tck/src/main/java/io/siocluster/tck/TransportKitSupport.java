package io.siocluster.tck;

import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.Transports;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/**
 * What every kit shares: transports made through discovery by name, closed after each test; channel names
 * unique to each test, so kits can run in parallel on one bus.
 */
public abstract class TransportKitSupport {

    private final List<Transport> created = new ArrayList<>();
    private final String testId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger channelCounter = new AtomicInteger();

    /**
     * Options that create a transport of the implementation under test with
     * {@link Transports#create(TransportOptions)}, naming it with {@link TransportOptions#TRANSPORT}. Each
     * call to {@code create} with them must give a new node on the same bus as the others.
     */
    protected abstract TransportOptions transportOptions();

    /** A new node, obtained through provider discovery by name; closed after the test. */
    protected final Transport newTransport() {
        Transport transport = Transports.create(transportOptions());
        synchronized (created) {
            created.add(transport);
        }
        return transport;
    }

    /** A channel name no other test uses, {@code tck-<test>-<n>-<hint>}, well under 63 bytes. */
    protected final String channel(String hint) {
        return "tck-" + testId + "-" + channelCounter.incrementAndGet() + "-" + hint;
    }

    @AfterEach
    final void closeTransports() {
        synchronized (created) {
            for (Transport transport : created) {
                transport.close();
            }
            created.clear();
        }
    }

    /** Waits for a stage and returns its value; a failure surfaces as the stage's cause. */
    protected static <T> T join(CompletionStage<T> stage) {
        return Stages.join(stage, TckTimeouts.bulk());
    }

    /** The exception a stage failed with, or an assertion error naming {@code rule} if it succeeded. */
    protected static Throwable failureOf(String rule, CompletionStage<?> stage) {
        return Stages.failureOf(rule, stage, TckTimeouts.failFast());
    }
}
