package io.siocluster.testsupport;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a test class a {@link PostgresDatabase}, injected into constructors, {@code @BeforeAll} and test
 * methods.
 *
 * <ul>
 *   <li>{@code @ExtendWith(PostgresExtension.class)}: {@code SIO_PG_URL} when set, otherwise one embedded
 *       PostgreSQL shared by every class of the test run.</li>
 *   <li>{@code @RegisterExtension static PostgresExtension pg = PostgresExtension.privateEmbedded();}: an
 *       embedded server for this class alone, whatever the environment says, which the class may stop and
 *       start (see {@link PostgresDatabase#embeddedServer()}).</li>
 * </ul>
 * Each class gets its own database view; tables it named with {@link PostgresDatabase#uniqueTableName} are
 * dropped when the class ends. Nested classes share their outer class's database.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    private final boolean privateEmbedded;

    /** The shared database: {@code SIO_PG_URL}, otherwise embedded. */
    public PostgresExtension() {
        this(false);
    }

    private PostgresExtension(boolean privateEmbedded) {
        this.privateEmbedded = privateEmbedded;
    }

    /** An embedded server for one test class alone, which the class may stop and restart. */
    public static PostgresExtension privateEmbedded() {
        return new PostgresExtension(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return database(context);
    }

    /** The class's database, created on first use in the class-level store (nested classes find the outer one). */
    private PostgresDatabase database(ExtensionContext context) {
        ExtensionContext classContext = classLevel(context);
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(ClassDatabase.class, key -> newDatabase(classContext), ClassDatabase.class)
                .database;
    }

    private ClassDatabase newDatabase(ExtensionContext classContext) {
        if (privateEmbedded) {
            PostgresServer server = PostgresServer.embedded();
            return new ClassDatabase(server.newDatabase(), server);
        }
        PostgresServer shared = classContext.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(PostgresServer.class, key -> PostgresServer.fromEnvironment(), PostgresServer.class);
        return new ClassDatabase(shared.newDatabase(), null);
    }

    private static ExtensionContext classLevel(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent()) {
            @Nullable ExtensionContext parent = current.getParent().orElse(null);
            if (parent == null) {
                break;
            }
            current = parent;
        }
        return current;
    }

    /** Closed by JUnit with the class's store: drops the class's tables, then stops its private server. */
    private static final class ClassDatabase implements AutoCloseable {
        final PostgresDatabase database;
        private final @Nullable PostgresServer privateServer;

        ClassDatabase(PostgresDatabase database, @Nullable PostgresServer privateServer) {
            this.database = database;
            this.privateServer = privateServer;
        }

        @Override
        public void close() {
            if (privateServer != null) {
                privateServer.close(); // the data directory goes with it, tables included
                return;
            }
            try {
                database.dropTables();
            } catch (SQLException e) {
                LOG.warn("could not drop the test tables of {}", database, e);
            }
        }
    }
}
