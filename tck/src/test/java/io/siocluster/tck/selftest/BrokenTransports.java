package io.siocluster.tck.selftest;

import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.inmemory.InMemoryTransport;
import io.siocluster.inmemory.InMemoryTransportProvider;
import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.TransportProvider;
import io.siocluster.spi.blob.BlobStore;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.messaging.FieldMessaging;
import io.siocluster.spi.messaging.MessageListener;
import io.siocluster.spi.messaging.MessagingLimits;
import io.siocluster.spi.messaging.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * Deliberately broken transports, each breaking one rule of the kits, registered as providers named
 * {@code broken-*}. The self-tests run the kits against them and check that the right rule fails.
 */
final class BrokenTransports {

    private BrokenTransports() {
    }

    /** The in-memory transport that every broken one wraps. */
    static InMemoryTransport base(TransportOptions options) {
        return (InMemoryTransport) new InMemoryTransportProvider().create(options);
    }

    /** Breaks M3: holds back one message in 50 it receives and hands it over after the next one. */
    public static final class Reordering implements TransportProvider {
        @Override
        public String name() {
            return "broken-reordering";
        }

        @Override
        public Transport create(TransportOptions options) {
            return new ForwardingTransport(base(options), name()) {
                @Override
                public Subscription subscribe(String channel, MessageListener listener) {
                    return delegate.messaging().subscribe(channel, new MessageListener() {
                        private int count;
                        private String held;

                        @Override
                        public void onMessage(String ch, String payload) {
                            count++;
                            if (count % 50 == 25) {
                                held = payload;
                                return;
                            }
                            listener.onMessage(ch, payload);
                            if (held != null) {
                                listener.onMessage(ch, held);
                                held = null;
                            }
                        }
                    });
                }
            };
        }
    }

    /** Breaks M5: drops a payload identical to the one it published just before on that channel. */
    public static final class Deduplicating implements TransportProvider {
        @Override
        public String name() {
            return "broken-deduplicating";
        }

        @Override
        public Transport create(TransportOptions options) {
            Map<String, String> last = new ConcurrentHashMap<>();
            return new ForwardingTransport(base(options), name()) {
                @Override
                public CompletionStage<Void> publish(String channel, String payload) {
                    if (payload.equals(last.put(channel, payload))) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return super.publish(channel, payload);
                }
            };
        }
    }

    /** Breaks M14: offers every message, and drops the ones the listener refuses instead of delivering them. */
    public static final class DropsRefusedOffers implements TransportProvider {
        @Override
        public String name() {
            return "broken-drops-refused-offers";
        }

        @Override
        public Transport create(TransportOptions options) {
            return new ForwardingTransport(base(options), name()) {
                @Override
                public Subscription subscribe(String channel, MessageListener listener) {
                    return delegate.messaging().subscribe(channel, (ch, payload) -> listener.offer(ch, payload));
                }
            };
        }
    }

    /** Breaks F1: hands each entry over with its fields sorted by name, as a transport keeping them in a sorted map. */
    public static final class SortsFields implements TransportProvider {
        @Override
        public String name() {
            return "broken-sorts-fields";
        }

        @Override
        public Transport create(TransportOptions options) {
            return new ForwardingTransport(base(options), name()) {
                @Override
                FieldMessaging.FieldListener onEntries(FieldMessaging.FieldListener listener) {
                    return (stream, entry) -> listener.onEntry(stream, Collections.unmodifiableMap(new TreeMap<>(entry)));
                }
            };
        }
    }

    /** Breaks F8: offers every entry, and drops the ones the listener refuses instead of delivering them. */
    public static final class DropsRefusedEntryOffers implements TransportProvider {
        @Override
        public String name() {
            return "broken-drops-refused-entry-offers";
        }

        @Override
        public Transport create(TransportOptions options) {
            return new ForwardingTransport(base(options), name()) {
                @Override
                FieldMessaging.FieldListener onEntries(FieldMessaging.FieldListener listener) {
                    return listener::offerEntry;
                }
            };
        }
    }

    /** Breaks M8: declares PostgreSQL's limits but its bus carries payloads of any size. */
    public static final class IgnoresSizeLimit implements TransportProvider {
        @Override
        public String name() {
            return "broken-ignores-size-limit";
        }

        @Override
        public Transport create(TransportOptions options) {
            InMemoryBus roomy = SHARED_ROOMY_BUSES.computeIfAbsent(options.getRequired(InMemoryTransportProvider.BUS),
                    bus -> InMemoryBus.builder().limits(new MessagingLimits(1 << 20, 63)).build());
            return new ForwardingTransport(roomy.newTransport(), name()) {
                @Override
                public MessagingLimits limits() {
                    return MessagingLimits.POSTGRES;
                }
            };
        }

        private static final Map<InMemoryBus, InMemoryBus> SHARED_ROOMY_BUSES = new ConcurrentHashMap<>();
    }

    /** Breaks M12: starts a thread that close() never stops. */
    public static final class LeaksThread implements TransportProvider {
        @Override
        public String name() {
            return "broken-leaks-thread";
        }

        @Override
        public Transport create(TransportOptions options) {
            CountDownLatch never = new CountDownLatch(1);
            Thread leaked = new Thread(() -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "broken-leaked-thread");
            leaked.setDaemon(true);
            leaked.start();
            return new ForwardingTransport(base(options), name());
        }
    }

    /** Breaks L3: once its connection drops, its subscriptions never receive again. */
    public static final class DeafAfterOutage implements TransportProvider {
        @Override
        public String name() {
            return "broken-deaf-after-outage";
        }

        @Override
        public Transport create(TransportOptions options) {
            InMemoryTransport base = base(options);
            List<Subscription> subscriptions = new ArrayList<>();
            base.liveness().addListener(event -> {
                if (event == LivenessEvent.DOWN) {
                    synchronized (subscriptions) {
                        subscriptions.forEach(Subscription::close);
                    }
                }
            });
            return new ForwardingTransport(base, name()) {
                @Override
                public Subscription subscribe(String channel, MessageListener listener) {
                    Subscription subscription = super.subscribe(channel, listener);
                    synchronized (subscriptions) {
                        subscriptions.add(subscription);
                    }
                    return subscription;
                }
            };
        }
    }

    /** Breaks L5: while disconnected, a publish neither fails nor completes. */
    public static final class HangsWhileDown implements TransportProvider {
        @Override
        public String name() {
            return "broken-hangs-while-down";
        }

        @Override
        public Transport create(TransportOptions options) {
            return new ForwardingTransport(base(options), name()) {
                @Override
                public CompletionStage<Void> publish(String channel, String payload) {
                    if (!delegate.liveness().state().equals(io.siocluster.spi.liveness.LivenessState.UP)) {
                        return new CompletableFuture<>();
                    }
                    return super.publish(channel, payload);
                }
            };
        }
    }

    /** Breaks B1: keeps at most the first MiB of a blob. */
    public static final class TruncatesBlobs implements TransportProvider {
        @Override
        public String name() {
            return "broken-truncates-blobs";
        }

        @Override
        public Transport create(TransportOptions options) {
            InMemoryTransport base = base(options);
            BlobStore truncating = new BlobStore() {
                @Override
                public CompletionStage<String> put(byte[] bytes) {
                    return base.blobStore().orElseThrow().put(Arrays.copyOf(bytes, Math.min(bytes.length, 1 << 20)));
                }

                @Override
                public CompletionStage<Optional<byte[]>> get(String id) {
                    return base.blobStore().orElseThrow().get(id);
                }

                @Override
                public CompletionStage<Long> purgeOlderThan(Duration age) {
                    return base.blobStore().orElseThrow().purgeOlderThan(age);
                }
            };
            return new ForwardingTransport(base, name()) {
                @Override
                public Optional<BlobStore> blobStore() {
                    return Optional.of(truncating);
                }
            };
        }
    }
}
