package io.siocluster.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A DataSource whose {@code getConnection} waits until the test opens the gate, so a test can hold the
 * publisher thread still and fill its queue deterministically. A type the transport cannot see into, so it
 * also proves that such a DataSource needs {@code postgres.listenerUrl}.
 */
final class GatedDataSource extends TestDataSource {

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
}
