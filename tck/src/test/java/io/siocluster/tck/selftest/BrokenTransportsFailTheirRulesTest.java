package io.siocluster.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.siocluster.inmemory.InMemoryBus;
import io.siocluster.inmemory.InMemoryTransport;
import io.siocluster.inmemory.InMemoryTransportProvider;
import io.siocluster.spi.TransportOptions;
import io.siocluster.tck.BlobStoreKit;
import io.siocluster.tck.ConnectionCutter;
import io.siocluster.tck.FieldMessagingKit;
import io.siocluster.tck.LivenessKit;
import io.siocluster.tck.MessagingKit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The TCK is tested: each deliberately broken transport, run through the kit for its facet, must fail
 * the rule it breaks, with a message that names the rule.
 */
@DisplayName("TCK self-test")
class BrokenTransportsFailTheirRulesTest {

    static Stream<Arguments> brokenTransports() {
        return Stream.of(
                Arguments.of("broken-reordering", ReorderingMessaging.class, "M3"),
                Arguments.of("broken-deduplicating", DeduplicatingMessaging.class, "M5"),
                Arguments.of("broken-drops-refused-offers", DropsRefusedOffersMessaging.class, "M14"),
                Arguments.of("broken-ignores-size-limit", IgnoresSizeLimitMessaging.class, "M8"),
                Arguments.of("broken-sorts-fields", SortsFieldsFields.class, "F1"),
                Arguments.of("broken-drops-refused-entry-offers", DropsRefusedEntryOffersFields.class, "F8"),
                Arguments.of("broken-leaks-thread", LeaksThreadMessaging.class, "M12"),
                Arguments.of("broken-deaf-after-outage", DeafAfterOutageLiveness.class, "L3"),
                Arguments.of("broken-hangs-while-down", HangsWhileDownLiveness.class, "L5"),
                Arguments.of("broken-truncates-blobs", TruncatesBlobsBlobStore.class, "B1"));
    }

    @ParameterizedTest(name = "{0} fails rule {2}")
    @MethodSource("brokenTransports")
    void brokenTransportFailsItsRule(String transport, Class<?> kitRun, String rule) {
        List<Event> failed = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(kitRun))
                .execute()
                .testEvents()
                .failed()
                .list();

        List<Event> ruleFailures = failed.stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(rule + " "))
                .toList();
        assertThat(ruleFailures).as("%s must fail rule %s; failed tests were %s", transport, rule,
                failed.stream().map(e -> e.getTestDescriptor().getDisplayName()).toList()).isNotEmpty();
        for (Event failure : ruleFailures) {
            Throwable thrown = failure.getPayload(TestExecutionResult.class)
                    .flatMap(TestExecutionResult::getThrowable).orElseThrow();
            assertThat(thrown).as("the failure of %s points at rule %s", transport, rule)
                    .hasMessageContaining(rule);
        }
    }

    static TransportOptions broken(String name, InMemoryBus bus) {
        return TransportOptions.builder()
                .option(TransportOptions.TRANSPORT, name)
                .option(InMemoryTransportProvider.BUS, bus)
                .build();
    }

    static class DropsRefusedOffersMessaging extends MessagingKit {
        private final InMemoryBus bus = InMemoryBus.create();

        @Override
        protected TransportOptions transportOptions() {
            return broken("broken-drops-refused-offers", bus);
        }
    }

    static class ReorderingMessaging extends MessagingKit {
        private final InMemoryBus bus = InMemoryBus.create();

        @Override
        protected TransportOptions transportOptions() {
            return broken("broken-reordering", bus);
        }
    }

    static class DeduplicatingMessaging extends MessagingKit {
        private final InMemoryBus bus = InMemoryBus.create();

        @Override
        protected TransportOptions transportOptions() {
            return broken("broken-deduplicating", bus);
        }
    }

    static class IgnoresSizeLimitMessaging extends MessagingKit {
        private final InMemoryBus bus = InMemoryBus.create();

        @Override
        protected TransportOptions transportOptions() {
            return broken("broken-ignores-size-limit", bus);
        }
    }

    static class LeaksThreadMessaging extends MessagingKit {
        private final InMemoryBus bus = InMemoryBus.create();

        @Override
        protected TransportOptions transportOptions() {
            return broken("broken-leaks-thread", bus);
        }
    }

    static class SortsFieldsFields extends FieldMessagingKit {
        private final InMemoryBus bus = InMemoryBus.create();

        @Override
        protected TransportOptions transportOptions() {
            return broken("broken-sorts-fields", bus);
        }
    }

    static class DropsRefusedEntryOffersFields extends FieldMessagingKit {
        private final InMemoryBus bus = InMemoryBus.create();

        @Override
        protected TransportOptions transportOptions() {
            return broken("broken-drops-refused-entry-offers", bus);
        }
    }

    static class TruncatesBlobsBlobStore extends BlobStoreKit {
        private final InMemoryBus bus = InMemoryBus.create();

        @Override
        protected TransportOptions transportOptions() {
            return broken("broken-truncates-blobs", bus);
        }
    }

    abstract static class BrokenLiveness extends LivenessKit {
        private final InMemoryBus bus = InMemoryBus.create();

        abstract String name();

        @Override
        protected TransportOptions transportOptions() {
            return broken(name(), bus);
        }

        @Override
        protected Optional<ConnectionCutter> connectionCutter() {
            return Optional.of(t -> ((InMemoryTransport) ((ForwardingTransport) t).delegate).simulateOutage());
        }
    }

    static class DeafAfterOutageLiveness extends BrokenLiveness {
        @Override
        String name() {
            return "broken-deaf-after-outage";
        }
    }

    static class HangsWhileDownLiveness extends BrokenLiveness {
        @Override
        String name() {
            return "broken-hangs-while-down";
        }
    }
}
