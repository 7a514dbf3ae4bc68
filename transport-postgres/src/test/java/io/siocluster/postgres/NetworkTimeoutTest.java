package io.siocluster.postgres;

import static io.siocluster.postgres.Futures.failure;
import static io.siocluster.postgres.Futures.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.siocluster.spi.Transport;
import io.siocluster.spi.error.TransientTransportException;
import io.siocluster.testsupport.FreezableProxy;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A network path to the pool's connections that goes silent without a reset: a statement already on its
 * way would wait for an answer for ever, holding the one publisher thread (every later publish with it) or
 * a blob fetch (and every later message of that sender). The network timeout bounds each call instead.
 * The listener goes its own, healthy way, so only the pooled side is cut.
 */
@ExtendWith(PostgresExtension.class)
class NetworkTimeoutTest {

    private static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(1);

    private final PostgresDatabase db;
    private FreezableProxy proxy;
    private Transport node;

    NetworkTimeoutTest(PostgresDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void start() throws Exception {
        proxy = new FreezableProxy(db);
        String viaProxy = proxy.jdbcUrl();
        Properties connect = new Properties(); // bounded connecting only: reads are the transport's to bound
        db.user().ifPresent(user -> connect.setProperty("user", user));
        db.password().ifPresent(password -> connect.setProperty("password", password));
        connect.setProperty("connectTimeout", "2");
        connect.setProperty("loginTimeout", "3");
        node = PostgresTransport.create(TestTransports.options(db, db.uniqueTableName("nettimeout"))
                .option(PostgresOptions.URL, null)
                .option(PostgresOptions.DATA_SOURCE, new StickyDataSource(viaProxy, connect))
                .option(PostgresOptions.LISTENER_URL, db.jdbcUrl())
                .option(PostgresOptions.NETWORK_TIMEOUT, NETWORK_TIMEOUT)
                .build());
    }

    @AfterEach
    void stop() {
        node.close();
        proxy.close();
    }

    @Test
    void aPublishOnASilentNetworkFailsWithinTheNetworkTimeout() {
        String channel = db.uniqueName("silent");
        join(node.messaging().publish(channel, "while the network works"));

        proxy.freeze();
        long start = System.nanoTime();
        Throwable failure = failure(node.messaging().publish(channel, "into the silence"), Duration.ofSeconds(5));

        assertThat(failure).isInstanceOf(TransientTransportException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(NETWORK_TIMEOUT.minusMillis(100));
    }

    @Test
    void aBlobFetchOnASilentNetworkFailsWithinTheNetworkTimeout() {
        String id = join(node.blobStore().orElseThrow().put(new byte[] {1, 2, 3}));

        proxy.freeze();
        Throwable failure = failure(node.blobStore().orElseThrow().get(id), Duration.ofSeconds(5));

        assertThat(failure).isInstanceOf(TransientTransportException.class);
    }
}
