package io.siocluster.spi;

/** Two providers registered in this module's test resources, so discovery has a choice to make. */
final class DiscoveryFixtures {

    private DiscoveryFixtures() {
    }

    /** Discovery is all these tests need from a provider; creating a transport is not part of them. */
    abstract static class NamedOnly implements TransportProvider {
        @Override
        public Transport create(TransportOptions options) {
            throw new AssertionError("discovery tests never create a transport");
        }
    }

    public static final class Alpha extends NamedOnly {
        @Override
        public String name() {
            return "alpha";
        }
    }

    public static final class Beta extends NamedOnly {
        @Override
        public String name() {
            return "beta";
        }
    }
}
