package io.siocluster.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siocluster.embeddedpostgres.EmbeddedPostgresServer;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The embedded path works on this machine (as root, too) and survives a stop and start on the same port. */
class EmbeddedRestartTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.privateEmbedded();

    @Test
    void stopsAndStartsOnTheSamePortKeepingData(PostgresDatabase db) throws SQLException {
        String table = db.uniqueTableName("restart");
        db.execute("CREATE TABLE " + table + " (v int)");
        db.execute("INSERT INTO " + table + " VALUES (7)");
        EmbeddedPostgresServer server = db.embeddedServer().orElseThrow();
        int port = server.port();

        server.stop();
        assertThatThrownBy(() -> db.queryLong("SELECT 1")).isInstanceOf(SQLException.class);
        server.startAgain();

        assertThat(server.port()).isEqualTo(port);
        assertThat(db.queryLong("SELECT v FROM " + table)).isEqualTo(7);
        assertThat(db.source()).isEqualTo("embedded");
    }
}
