package io.siocluster.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared database answers, names are unique and legal, and nested classes share the outer database. */
@ExtendWith(PostgresExtension.class)
class SharedDatabaseTest {

    private final PostgresDatabase db;

    SharedDatabaseTest(PostgresDatabase db) {
        this.db = db;
    }

    @Test
    void answers() throws SQLException {
        assertThat(db.queryLong("SELECT 1")).isEqualTo(1);
    }

    @Test
    void namesAreUniqueLowerCaseIdentifiers() {
        String a = db.uniqueName("Some Hint; DROP");
        String b = db.uniqueName("Some Hint; DROP");

        assertThat(a).isNotEqualTo(b).matches("[a-z][a-z0-9_]{0,27}");
    }

    @Nested
    class Inner {
        @Test
        void sharesTheOuterDatabase(PostgresDatabase inner) {
            assertThat(inner).isSameAs(db);
        }
    }
}
