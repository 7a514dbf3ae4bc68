package io.siocluster.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siocluster.postgres.internal.Identifiers;
import io.siocluster.spi.TransportOptions;
import io.siocluster.spi.Transports;
import io.siocluster.spi.error.TransportConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Configuration that would put text into SQL is refused at creation, before any connection, naming the option. */
class IdentifierValidationTest {

    private static TransportOptions.Builder options() {
        // Port 9 (discard) is never a PostgreSQL: creation must fail on validation, not on connecting.
        return TransportOptions.builder()
                .option(TransportOptions.TRANSPORT, "postgres")
                .option(PostgresOptions.URL, "jdbc:postgresql://127.0.0.1:9/none");
    }

    @ParameterizedTest(name = "table name [{0}] is refused")
    @ValueSource(strings = {"x\"; DROP TABLE users; --", "a;b", "\"quoted\"", "with space", "Upper_Case", "a.b.c",
            "tab\tle", "", ".x", "x.", "semi;", "it's", "back\\slash", "ünï",
            "t234567890123456789012345678901234567890123456789012345678901234"})
    void maliciousTableNamesRefused(String table) {
        TransportOptions bad = options().option(PostgresOptions.TABLE_NAME, table).build();

        assertThatThrownBy(() -> Transports.create(bad))
                .isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining("postgres.tableName");
    }

    @ParameterizedTest(name = "channel prefix [{0}] is refused")
    @ValueSource(strings = {"bad\"prefix", "semi;colon", "with space", "quote'", "nul\0", "new\nline",
            "p23456789012345678901234567890123456789012345678901234567890123",
            "p234567890123456789012345678901234567890123456789012345678901234"})
    void maliciousPrefixesRefused(String prefix) {
        TransportOptions bad = options().option(PostgresOptions.CHANNEL_PREFIX, prefix).build();

        assertThatThrownBy(() -> Transports.create(bad))
                .isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining("postgres.channelPrefix");
    }

    @Test
    void quotingDoublesEmbeddedQuotes() {
        assertThat(Identifiers.quote("a\"b; DROP")).isEqualTo("\"a\"\"b; DROP\"");
        assertThat(Identifiers.tableName("t", "app.socket_io_attachments").sql())
                .isEqualTo("\"app\".\"socket_io_attachments\"");
    }

    @Test
    void aPrefixShortensTheChannelLimit() {
        assertThat(Identifiers.limitsWithPrefix("app1#").maxChannelNameBytes()).isEqualTo(58);
        assertThat(Identifiers.limitsWithPrefix("").maxChannelNameBytes()).isEqualTo(63);
    }

    @Test
    void missingConnectionSettingsNameTheOptions() {
        TransportOptions none = TransportOptions.builder().option(TransportOptions.TRANSPORT, "postgres").build();

        assertThatThrownBy(() -> Transports.create(none)).isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining("postgres.url").hasMessageContaining("postgres.dataSource");
    }

    @Test
    void aNonPostgresUrlIsRefusedWithoutShowingThePassword() {
        TransportOptions mysql = options().option(PostgresOptions.URL, "jdbc:mysql://db/x?password=hunter2").build();

        assertThatThrownBy(() -> Transports.create(mysql)).isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining("postgres.url").hasMessageNotContaining("hunter2");
    }

    @Test
    void badNumbersNameTheirOption() {
        TransportOptions zero = options().option(PostgresOptions.QUEUE_CAPACITY, 0).build();

        assertThatThrownBy(() -> Transports.create(zero)).isInstanceOf(TransportConfigurationException.class)
                .hasMessageContaining("postgres.queueCapacity");
    }
}
