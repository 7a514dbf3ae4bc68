package io.siocluster.postgres;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * A one-connection pool that never checks what it hands out: every {@code getConnection} returns the same
 * physical connection (its {@code close()} only gives it back) until that connection is closed, as HikariCP
 * does for a connection used less than 500 ms ago, or any pool without a test on borrow. So a network that
 * goes silent under it reaches the transport's statements, not the pool's checks.
 */
final class StickyDataSource extends TestDataSource {

    private final String url;
    private final Properties properties;
    private Connection current;

    /** {@code properties} for each physical connection, e.g. a {@code socketTimeout} so reconnecting stays bounded. */
    StickyDataSource(String url, Properties properties) {
        this.url = url;
        this.properties = properties;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        if (current == null || current.isClosed()) {
            current = new Driver().connect(url, properties);
        }
        Connection physical = current;
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null; // back to the "pool"
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
