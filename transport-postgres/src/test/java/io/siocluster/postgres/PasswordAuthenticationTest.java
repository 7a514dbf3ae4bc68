package io.siocluster.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.siocluster.spi.Transport;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.error.TransportConfigurationException;
import io.siocluster.spi.liveness.LivenessState;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A wrong password fails the start-up check naming the cause. The shared test server trusts every local
 * connection, so this class starts an embedded server of its own whose pg_hba.conf asks every role but
 * {@code postgres} for a SCRAM password.
 */
class PasswordAuthenticationTest {

    private static final String ROLE = "sio_password_check";
    private static EmbeddedPostgres server;

    @BeforeAll
    static void startServerWithPasswords() throws IOException, SQLException {
        server = EmbeddedPostgres.builder().setDataDirectoryCustomizer(directory -> {
            try {
                Files.writeString(directory.toPath().resolve("pg_hba.conf"), String.join("\n",
                        "local all all trust",
                        "host all postgres 127.0.0.1/32 trust",
                        "host all postgres ::1/128 trust",
                        "host all all 127.0.0.1/32 scram-sha-256",
                        "host all all ::1/128 scram-sha-256", ""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).start();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD 'right'");
            s.execute("GRANT CREATE ON SCHEMA public TO " + ROLE);
        }
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aWrongPasswordFailsNamingTheAuthentication() {
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> PostgresTransport.create(options("wrong")).close());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(thrown).isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining("authentication failed").hasMessageContaining(ROLE)
                .hasMessageNotContaining("wrong");
    }

    @Test
    void theRightPasswordStarts() {
        try (Transport node = PostgresTransport.create(options("right"))) {
            assertThat(node.liveness().state()).isNotEqualTo(LivenessState.CLOSED);
        }
    }

    private static TransportOptions options(String password) {
        return TransportOptions.builder()
                .option(PostgresOptions.URL, "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres")
                .option(PostgresOptions.USER, ROLE)
                .option(PostgresOptions.PASSWORD, password)
                .option(PostgresOptions.TABLE_NAME, "password_check_attachments")
                .build();
    }
}
