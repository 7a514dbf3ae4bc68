package io.siocluster.postgres;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource whose {@code getConnection} waits until the test opens the gate, so a test can hold the
 * publisher thread still and fill its queue deterministically. A type the transport cannot see into, so it
 * also proves that such a DataSource needs {@code postgres.listenerUrl}.
 */
final class GatedDataSource implements DataSource {

    private final DataSource delegate;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch someoneWaiting = new CountDownLatch(1);

    GatedDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    void open() {
        gate.countDown();
    }

    /** Waits until a caller is blocked in {@code getConnection}. */
    boolean awaitWaiter(long seconds) throws InterruptedException {
        return someoneWaiting.await(seconds, TimeUnit.SECONDS);
    }

    @Override
    public Connection getConnection() throws SQLException {
        someoneWaiting.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new SQLException("gate never opened", "08001");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted at the gate", "08001", e);
        }
        return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() {
        return new PrintWriter(System.err);
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
