package io.siocluster.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.error.NonTransientTransportException;
import io.siocluster.spi.error.TransportConfigurationException;
import io.siocluster.spi.liveness.LivenessState;
import io.siocluster.testsupport.FreezableProxy;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A setup that cannot work fails when the transport is created, within 5 seconds, with one message that
 * names the cause, instead of a node that starts, logs one WARN and retries for ever. Each cause is real:
 * a closed port, a server that never answers, an unknown database and role, a role without privileges.
 */
@ExtendWith(PostgresExtension.class)
class StartupCheckTest {

    private static final Duration TARGET = Duration.ofSeconds(5);

    private final PostgresDatabase db;
    private final String table;

    StartupCheckTest(PostgresDatabase db) {
        this.db = db;
        this.table = db.uniqueTableName("startcheck");
    }

    @Test
    void aClosedPortFailsNamingTheUnreachableServer() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertCreationFails(options().option(PostgresOptions.URL, "jdbc:postgresql://127.0.0.1:" + closedPort + "/x"))
                .isInstanceOf(NonTransientTransportException.class)
                .hasMessageContaining("cannot be reached").hasMessageContaining("refused")
                .hasMessageContaining("postgres.startDegraded");
    }

    @Test
    void aServerThatNeverAnswersFailsWithinTheBound() throws Exception {
        try (FreezableProxy proxy = new FreezableProxy(db)) {
            proxy.freeze();
            assertCreationFails(options().option(PostgresOptions.URL, proxy.jdbcUrl()))
                    .isInstanceOf(NonTransientTransportException.class)
                    .hasMessageContaining("did not answer").hasMessageContaining("listener connection");
        }
    }

    @Test
    void anUnknownDatabaseFailsNamingIt() {
        assertCreationFails(options().option(PostgresOptions.URL, withDatabase("sio_no_such_database")))
                .isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining("database does not exist").hasMessageContaining("sio_no_such_database");
    }

    @Test
    void anUnknownRoleFailsNamingIt() {
        assertCreationFails(options().option(PostgresOptions.URL, withoutUser(db.jdbcUrl()))
                        .option(PostgresOptions.USER, "sio_no_such_role"))
                .isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining("role was refused").hasMessageContaining("sio_no_such_role");
    }

    @Test
    void aRoleWithoutPrivilegesOnTheTableFailsNamingWhatIsMissing() throws SQLException {
        String role = db.uniqueName("noprivs");
        try (Transport owner = PostgresTransport.create(options().build())) {
            owner.blobStore().orElseThrow().put(new byte[] {1}).toCompletableFuture().join(); // the table exists, owned by another role
        }
        db.execute("CREATE ROLE " + role + " LOGIN");
        try {
            assertCreationFails(options().option(PostgresOptions.URL, withoutUser(db.jdbcUrl()))
                            .option(PostgresOptions.USER, role).option(PostgresOptions.PASSWORD, null))
                    .isInstanceOf(TransportConfigurationException.class)
                    .hasMessageContaining("role " + role + " lacks SELECT, INSERT, DELETE, USAGE on its id sequence")
                    .hasMessageContaining(table);
        } finally {
            db.execute("DROP ROLE " + role);
        }
    }

    @Test
    void aRoleThatMayNotCreateTheMissingTableFailsNamingTheSchema() throws SQLException {
        assertSchemaRefused("nocreate", true) // it may look into the schema, not create in it
                .hasMessageContaining("may not create it").hasMessageContaining("schema ");
    }

    @Test
    void aRoleThatMayNotUseTheTablesSchemaFailsNamingIt() throws SQLException {
        assertSchemaRefused("nousage", false).hasMessageContaining("missing privileges").hasMessageContaining("schema ");
    }

    /** Creation as a new role, with the table in a new schema that role may or may not look into. */
    private AbstractThrowableAssert<?, ? extends Throwable> assertSchemaRefused(String hint, boolean usage)
            throws SQLException {
        String role = db.uniqueName(hint);
        String schema = db.uniqueName(hint + "_schema");
        db.execute("CREATE SCHEMA " + schema);
        db.execute("CREATE ROLE " + role + " LOGIN");
        try {
            if (usage) {
                db.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
            }
            return assertCreationFails(options().option(PostgresOptions.URL, withoutUser(db.jdbcUrl()))
                            .option(PostgresOptions.USER, role).option(PostgresOptions.PASSWORD, null)
                            .option(PostgresOptions.TABLE_NAME, schema + ".attachments"))
                    .isInstanceOf(TransportConfigurationException.class).hasMessageContaining(schema);
        } finally {
            db.execute("DROP SCHEMA " + schema);
            db.execute("DROP ROLE " + role);
        }
    }

    @Test
    void aMissingTableThatMayNotBeCreatedFailsNamingTheOption() {
        assertCreationFails(options().option(PostgresOptions.CREATE_TABLE, false))
                .isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining(table).hasMessageContaining("postgres.createTable");
    }

    @Test
    void startedDegradedItSkipsTheCheckAndKeepsTrying() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long start = System.nanoTime();
        try (Transport node = PostgresTransport.create(options()
                .option(PostgresOptions.URL, "jdbc:postgresql://127.0.0.1:" + closedPort + "/x")
                .option(PostgresOptions.START_DEGRADED, true).build())) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(node.liveness().state()).isEqualTo(LivenessState.DOWN);
        }
    }

    private TransportOptions.Builder options() {
        return TestTransports.options(db, table);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertCreationFails(TransportOptions.Builder options) {
        long start = System.nanoTime();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> PostgresTransport.create(options.build()).close());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to fail").isLessThan(TARGET);
        return assertThat(thrown);
    }

    private String withDatabase(String database) {
        String url = db.jdbcUrl();
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    private static String withoutUser(String url) {
        return url.replaceAll("([?&])user=[^&]*&?", "$1").replaceAll("[?&]$", "");
    }
}
