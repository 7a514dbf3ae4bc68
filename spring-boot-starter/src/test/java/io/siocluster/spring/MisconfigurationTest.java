package io.siocluster.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A wrong property fails the application's start with one message that names it. */
@DisplayName("a misconfigured starter")
@ExtendWith(PostgresExtension.class)
class MisconfigurationTest {

    private final PostgresDatabase db;

    MisconfigurationTest(PostgresDatabase db) {
        this.db = db;
    }

    @Test
    @DisplayName("an unknown transport name is refused, with the providers found")
    void unknownTransport() {
        assertThatThrownBy(() -> TestApps.run(TestApps.SocketIoAppWithDataSource.class, db, TestApps.freePort(),
                "sio.cluster.transport=nats"))
                .satisfies(e -> assertThat(cause(e)).hasMessageStartingWith("sio.cluster.transport: ")
                        .hasMessageContaining("'nats'").hasMessageContaining("'postgres'"));
    }

    @Test
    @DisplayName("the postgres transport without a DataSource bean is refused")
    void noDataSource() {
        assertThatThrownBy(() -> TestApps.run(TestApps.SocketIoApp.class, db, TestApps.freePort()))
                .satisfies(e -> assertThat(cause(e)).hasMessageStartingWith("sio.cluster.transport: ")
                        .hasMessageContaining("DataSource"));
    }

    @Test
    @DisplayName("a table name that is not a plain identifier is refused when the server starts")
    void badIdentifier() {
        assertThatThrownBy(() -> TestApps.run(TestApps.SocketIoAppWithDataSource.class, db, TestApps.freePort(),
                "sio.cluster.table-name=attachments; drop table users"))
                .satisfies(e -> assertThat(cause(e)).hasMessageStartingWith("sio.cluster.table-name: ")
                        .hasMessageContaining("drop table users"));
    }

    @Test
    @DisplayName("a heartbeat timeout not longer than the interval is refused")
    void heartbeat() {
        assertThatThrownBy(() -> TestApps.run(TestApps.SocketIoAppWithDataSource.class, db, TestApps.freePort(),
                "sio.cluster.heartbeat-interval=10s", "sio.cluster.heartbeat-timeout=5s"))
                .satisfies(e -> assertThat(cause(e)).hasMessageStartingWith("sio.cluster.heartbeat-timeout: "));
    }

    @Test
    @DisplayName("the overload options are bound and checked: a pending bound below 1 is refused with its property")
    void overloadOptions() {
        assertThatThrownBy(() -> TestApps.run(TestApps.SocketIoAppWithDataSource.class, db, TestApps.freePort(),
                "sio.cluster.outbound-policy=DROP_OLDEST", "sio.cluster.overload-threshold=2s",
                "sio.cluster.max-pending-outbound=0"))
                .satisfies(e -> assertThat(cause(e)).hasMessageStartingWith("sio.cluster.max-pending-outbound: ")
                        .hasMessageContaining("0"));
    }

    /** The starter's own exception in the chain Spring wraps it in. */
    private static @Nullable SioClusterConfigurationException cause(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SioClusterConfigurationException found) {
                return found;
            }
        }
        return null;
    }
}
