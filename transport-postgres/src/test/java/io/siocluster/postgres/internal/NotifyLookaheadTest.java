package io.siocluster.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siocluster.testsupport.PostgresDatabase;
import io.siocluster.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

@ExtendWith(PostgresExtension.class)
@DisplayName("pgjdbc's 1 ms look-ahead after a notification, skipped")
class NotifyLookaheadTest {

    @Test
    @DisplayName("the pinned pgjdbc has the fields it needs (a driver upgrade that renames them fails here)")
    void supported() {
        assertThat(NotifyLookahead.supported()).isTrue();
    }

    @Test
    @DisplayName("with it, every notification still arrives, in order: sent one by one, and several in one transaction")
    void nothingHeldBack(PostgresDatabase database) throws Exception {
        try (Connection listening = database.connect(); Connection notifying = database.connect()) {
            try (Statement listen = listening.createStatement()) {
                listen.execute("LISTEN lookahead_test");
            }
            try (Statement notify = notifying.createStatement()) {
                for (int i = 0; i < 3; i++) {
                    notify.execute("SELECT pg_notify('lookahead_test', '" + i + "')");
                }
                notify.execute("SELECT pg_notify('lookahead_test', p) FROM unnest(ARRAY['3','4','5']) WITH ORDINALITY"
                        + " t(p, o) ORDER BY o");
            }
            List<String> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                NotifyLookahead.skipOn(listening);
                PGNotification[] notifications = listening.unwrap(PGConnection.class).getNotifications(200);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        received.add(notification.getParameter());
                    }
                }
                return received.size() >= 6;
            });
            assertThat(received).containsExactly("0", "1", "2", "3", "4", "5");
        }
    }
}
