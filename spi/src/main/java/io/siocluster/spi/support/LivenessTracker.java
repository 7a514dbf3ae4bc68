package io.siocluster.spi.support;

import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.liveness.LivenessListener;
import io.siocluster.spi.liveness.LivenessState;
import java.lang.System.Logger.Level;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * A ready-made {@link Liveness}: the transport calls {@link #connected()} (or {@link #resumed()}),
 * {@link #disconnected()} and {@link #closed()}, and the tracker turns them into the right events (UP the first
 * time, DOWN once per outage, UP_AFTER_GAP after an outage, UP after an outage that lost nothing), delivered in
 * order on the transport's executor.
 */
public final class LivenessTracker implements Liveness {

    private static final System.Logger LOG = System.getLogger(LivenessTracker.class.getName());

    private final Executor events;
    private final CopyOnWriteArrayList<LivenessListener> listeners = new CopyOnWriteArrayList<>();
    private LivenessState state = LivenessState.DOWN;
    private boolean everConnected;

    /** @param events a serial executor: events must reach listeners in the order they happened */
    public LivenessTracker(Executor events) {
        this.events = events;
    }

    @Override
    public synchronized LivenessState state() {
        return state;
    }

    @Override
    public AutoCloseable addListener(LivenessListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The connection is up. Returns true when this changed the state. */
    public synchronized boolean connected() {
        if (state != LivenessState.DOWN) {
            return false;
        }
        state = LivenessState.UP;
        fire(everConnected ? LivenessEvent.UP_AFTER_GAP : LivenessEvent.UP);
        everConnected = true;
        return true;
    }

    /**
     * The connection is up and nothing published meanwhile was lost (a transport that resumes, see
     * {@link io.siocluster.spi.messaging.DeliveryGuarantee#RESUMES_IN_ORDER}): UP, never UP_AFTER_GAP. Returns
     * true when this changed the state.
     */
    public synchronized boolean resumed() {
        if (state != LivenessState.DOWN) {
            return false;
        }
        state = LivenessState.UP;
        fire(LivenessEvent.UP);
        everConnected = true;
        return true;
    }

    /** The connection was lost (or a connection attempt failed). Returns true when this changed the state. */
    public synchronized boolean disconnected() {
        if (state != LivenessState.UP) {
            return false;
        }
        state = LivenessState.DOWN;
        fire(LivenessEvent.DOWN);
        return true;
    }

    /** The transport is closed for good; no further events. */
    public synchronized void closed() {
        state = LivenessState.CLOSED;
    }

    public synchronized boolean isUp() {
        return state == LivenessState.UP;
    }

    private void fire(LivenessEvent event) {
        try {
            events.execute(() -> {
                for (LivenessListener listener : listeners) {
                    try {
                        listener.onLivenessEvent(event);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "liveness listener " + listener + " failed on " + event, e);
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "liveness event " + event + " dropped: the transport is closing");
        }
    }
}
