package io.siocluster.spi.support;

import io.siocluster.spi.liveness.Liveness;
import io.siocluster.spi.liveness.LivenessEvent;
import io.siocluster.spi.liveness.LivenessListener;
import io.siocluster.spi.liveness.LivenessRegistration;
import io.siocluster.spi.liveness.LivenessState;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A ready-made {@link Liveness}: the transport calls {@link #connected()} (or {@link #resumed()}),
 * {@link #disconnected()} and {@link #closed()}, and the tracker turns them into the right events (UP the first
 * time, DOWN once per outage, UP_AFTER_GAP after an outage, UP after an outage that lost nothing), delivered in
 * order on the transport's executor.
 *
 * <p>It logs nothing (the SPI depends on the JDK alone, and a transport logs through its own API): a
 * listener that throws is reported to the {@link FailureHandler} the transport gives, after which the
 * remaining listeners are still told. An event whose executor refuses it (the transport is closing) is
 * dropped.
 */
public final class LivenessTracker implements Liveness {

    /** Told when a listener throws; the transport logs it. Called on the events executor. */
    @FunctionalInterface
    public interface FailureHandler {
        void listenerFailed(LivenessListener listener, LivenessEvent event, RuntimeException failure);
    }

    private final Executor events;
    private final FailureHandler onFailure;
    private final CopyOnWriteArrayList<LivenessListener> listeners = new CopyOnWriteArrayList<>();
    private LivenessState state = LivenessState.DOWN;
    private boolean everConnected;

    /**
     * A tracker whose listeners' failures go to the event thread's uncaught-exception handler.
     *
     * @param events a serial executor: events must reach listeners in the order they happened
     */
    public LivenessTracker(Executor events) {
        this(events, (listener, event, failure) -> {
            Thread thread = Thread.currentThread();
            thread.getUncaughtExceptionHandler().uncaughtException(thread, failure);
        });
    }

    /**
     * @param events a serial executor: events must reach listeners in the order they happened
     * @param onFailure told about each listener that throws
     */
    public LivenessTracker(Executor events, FailureHandler onFailure) {
        this.events = events;
        this.onFailure = onFailure;
    }

    @Override
    public synchronized LivenessState state() {
        return state;
    }

    @Override
    public LivenessRegistration addListener(LivenessListener listener) {
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

    /**
     * While up, a transport that {@linkplain io.siocluster.spi.messaging.DeliveryGuarantee#RESUMES_IN_ORDER resumes}
     * found that the bus dropped messages this node had not read yet (a reader that fell further behind than the
     * bus keeps): UP_AFTER_GAP without a DOWN before it; the state stays UP. Returns false (and tells nobody) when
     * not up: the next connect reports the outage.
     */
    public synchronized boolean lost() {
        if (state != LivenessState.UP) {
            return false;
        }
        fire(LivenessEvent.UP_AFTER_GAP);
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
                        onFailure.listenerFailed(listener, event, e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // the transport is closing: nobody is left to tell
        }
    }
}
