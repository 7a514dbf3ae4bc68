package io.siocluster.postgres;

import static io.siocluster.postgres.Futures.failure;
import static io.siocluster.postgres.Futures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.siocluster.spi.Transport;
import io.siocluster.spi.Transports;
import io.siocluster.spi.error.InvalidChannelNameException;
import io.siocluster.tck.MessageRecorder;
import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** Channel names are quoted in LISTEN and bound in pg_notify, so any text works; too-long names never reach the server. */
@ExtendWith(PostgresExtension.class)
class ChannelNamesTest {

    private final PostgresDatabase db;
    private final String table;
    private Transport node;

    ChannelNamesTest(PostgresDatabase db) {
        this.db = db;
        this.table = db.uniqueTableName("channels");
    }

    @AfterEach
    void close() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void namesThatNeedQuotingAreDelivered() {
        node = Transports.create(TestTransports.options(db, table).build());
        String tag = db.uniqueName("q");
        String[] names = {tag + " Room \"A\"; DROP TABLE x; --", tag + "UPPER lower", tag + "#/ünïcödé 😀", tag + "'"};
        MessageRecorder[] recorders = new MessageRecorder[names.length];
        for (int i = 0; i < names.length; i++) {
            recorders[i] = new MessageRecorder();
            join(node.messaging().subscribe(names[i], recorders[i]).ready());
        }

        for (int i = 0; i < names.length; i++) {
            join(node.messaging().publish(names[i], "to " + i));
        }

        for (int i = 0; i < names.length; i++) {
            recorders[i].awaitPayload("quoted channel " + i, "to " + i, Duration.ofSeconds(10));
            assertThat(recorders[i].payloads()).containsExactly("to " + i);
        }
    }

    @Test
    void tooLongNamesFailBeforeReachingPostgres() {
        node = Transports.create(TestTransports.options(db, table).build());
        String tooLong = "é".repeat(32); // 64 bytes in 32 characters

        assertThatThrownBy(() -> node.messaging().subscribe(tooLong, new MessageRecorder()))
                .isInstanceOf(InvalidChannelNameException.class).hasMessageContaining("64");
        assertThat(failure(node.messaging().publish(tooLong, "x"), Duration.ofMillis(100)))
                .isInstanceOf(InvalidChannelNameException.class);
        assertThat(failure(node.messaging().publish("nul\0inside", "x"), Duration.ofMillis(100)))
                .isInstanceOf(InvalidChannelNameException.class);
    }

    @Test
    void thePrefixIsOnTheWireAndSeparatesApplications() throws Exception {
        String prefix = db.uniqueName("app") + "#";
        node = Transports.create(TestTransports.options(db, table).option(PostgresOptions.CHANNEL_PREFIX, prefix).build());
        MessageRecorder recorder = new MessageRecorder();
        join(node.messaging().subscribe("room", recorder).ready());

        try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
            s.execute("LISTEN \"" + prefix + "room\"");
            join(node.messaging().publish("room", "prefixed"));
            s.execute("SELECT pg_notify('room', 'unprefixed, for another application')");

            recorder.awaitPayload("prefix", "prefixed", Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                PGNotification[] n = raw.unwrap(PGConnection.class).getNotifications(100);
                return n != null && n.length == 1 && n[0].getName().equals(prefix + "room")
                        && n[0].getParameter().equals("prefixed");
            });
        }
        assertThat(node.messaging().limits().maxChannelNameBytes()).isEqualTo(63 - prefix.length());
        assertThat(recorder.payloads()).containsExactly("prefixed");
    }
}
